namespace Storytelling.Cleaning.Duplicates;

public enum DuplicateKind
{
    /// <summary>The same normalized content (content hash).</summary>
    Exact,

    /// <summary>Shingle similarity at or above the threshold (MinHash estimate).</summary>
    Near,
}
