namespace Storytelling.Nlp.Entities;

/// <summary>A typed range of token indexes [<paramref name="Start"/>, <paramref name="End"/>), as read from or written to a label sequence.</summary>
public readonly record struct LabeledSpan(int Start, int End, string Type);
