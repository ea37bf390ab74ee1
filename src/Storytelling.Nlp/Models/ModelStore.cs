using System.Collections.Concurrent;

namespace Storytelling.Nlp.Models;

/// <summary>
/// Loads each model once (lazily, thread-safe) and shares it read-only. The models directory is, in order:
/// the directory given to the constructor; else the first <c>models/</c> found walking up from the current
/// directory; else the first found walking up from the executable's directory (<see cref="AppContext.BaseDirectory"/>).
/// Layout: <c>models/&lt;component&gt;/model.bin</c> with a <c>MODEL_CARD.md</c> beside it.
/// </summary>
public sealed class ModelStore
{
    public const string ModelFileName = "model.bin";

    private readonly ConcurrentDictionary<string, Lazy<object>> loaded = new(StringComparer.Ordinal);

    public ModelStore(string? modelsDirectory = null)
    {
        Directory = modelsDirectory ?? FindModelsDirectory()
            ?? throw new ModelLoadException(
                Path.Combine(System.IO.Directory.GetCurrentDirectory(), "models"),
                $"no models/ directory found above the current directory or above {AppContext.BaseDirectory}.");
    }

    public string Directory { get; }

    public Tagging.PosTagger Tagger => Get(Tagging.PosTagger.ComponentName, Tagging.PosTagger.Load);

    public Lemmatization.Lemmatizer Lemmatizer => Get(Lemmatization.Lemmatizer.ComponentName, Lemmatization.Lemmatizer.Load);

    /// <summary>Path of a component's model file (it may not exist).</summary>
    public string PathOf(string component) => Path.Combine(Directory, component, ModelFileName);

    /// <summary>Loads (once) the model of <paramref name="component"/> with <paramref name="load"/>, given its file path.</summary>
    public T Get<T>(string component, Func<string, T> load)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        var lazy = loaded.GetOrAdd(component, name => new Lazy<object>(() => load(PathOf(name)), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value as T
            ?? throw new InvalidOperationException($"Model '{component}' was loaded as {lazy.Value.GetType().Name}, not {typeof(T).Name}.");
    }

    /// <summary>The first <c>models/</c> directory walking up from the current directory, then from the executable.</summary>
    public static string? FindModelsDirectory() =>
        FindUpwards(System.IO.Directory.GetCurrentDirectory()) ?? FindUpwards(AppContext.BaseDirectory);

    private static string? FindUpwards(string start)
    {
        for (var directory = new DirectoryInfo(start); directory != null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "models");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
