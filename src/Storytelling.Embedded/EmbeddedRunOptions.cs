using System.ComponentModel.DataAnnotations;

namespace Storytelling.Embedded;

/// <summary>Settings of <c>storytelling run</c> (section <c>run</c> of config/settings.yaml).</summary>
public sealed class EmbeddedRunOptions : IValidatableObject
{
    public const string SectionName = "run";

    /// <summary>The output folder when <c>--out</c> is not given.</summary>
    public string OutputDir { get; set; } = "out";

    /// <summary>The SQLite database file, relative to the output folder (replaced on every run).</summary>
    public string SqliteFile { get; set; } = "storytelling.db";

    /// <summary>Documents analysed at once; 0 = one per processor.</summary>
    public int Concurrency { get; set; }

    /// <summary>Documents cleaned ahead of the story stage at most (bounds memory on large inputs).</summary>
    public int Window { get; set; } = 512;

    public int EffectiveConcurrency => Concurrency > 0 ? Concurrency : Environment.ProcessorCount;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(OutputDir))
        {
            yield return new ValidationResult("run.output_dir must not be empty", [nameof(OutputDir)]);
        }

        if (string.IsNullOrWhiteSpace(SqliteFile))
        {
            yield return new ValidationResult("run.sqlite_file must not be empty", [nameof(SqliteFile)]);
        }

        if (Concurrency is < 0 or > 256)
        {
            yield return new ValidationResult($"run.concurrency must be 0 (one per processor) to 256; got {Concurrency}", [nameof(Concurrency)]);
        }

        if (Window is < 1 or > 1_000_000)
        {
            yield return new ValidationResult($"run.window must be 1 to 1000000; got {Window}", [nameof(Window)]);
        }
    }
}
