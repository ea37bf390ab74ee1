using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.Configuration;
using Storytelling.Messaging.InProcess;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Embedded.Tests;

/// <summary>Builds an <see cref="EmbeddedRun"/> the way <c>storytelling run</c> does: default settings, the committed models.</summary>
internal static class EmbeddedRunner
{
    private static readonly Lazy<ModelStore> Models = new(() => new ModelStore());

    public static Settings DefaultSettings { get; } = Settings.Load();

    /// <summary>The pipeline of <c>nlp.pipeline</c>, optionally with <paramref name="extra"/> appended.</summary>
    public static NlpPipeline Pipeline(params INlpComponent[] extra)
    {
        var registry = NlpComponentRegistry.CreateDefault();
        var components = EmbeddedComposition.PipelineComponents(DefaultSettings).Select(name => registry.Create(name, Models.Value)).Concat(extra);
        return new NlpPipeline(components);
    }

    public static EmbeddedRun Create(InProcessEventBus bus, NlpPipeline? pipeline = null) =>
        EmbeddedComposition.Create(DefaultSettings, Models.Value, pipeline ?? Pipeline(), NullLoggerFactory.Instance, bus);

    /// <summary>A file of the repository (found above the test's output folder).</summary>
    public static string RepositoryFile(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}");
    }

    public static string TemporaryDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "storytelling-run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
