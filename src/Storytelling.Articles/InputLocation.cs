namespace Storytelling.Articles;

/// <summary>Where a record came from: the input's name and the 1-based line number within it.</summary>
public sealed record InputLocation(string File, long Line)
{
    public override string ToString() => $"{File}:{Line}";
}
