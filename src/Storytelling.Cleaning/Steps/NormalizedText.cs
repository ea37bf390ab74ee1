namespace Storytelling.Cleaning.Steps;

/// <summary>Text after <see cref="TextNormalizer"/>, with the repairs that changed it (for the document's cleaning record).</summary>
public sealed record NormalizedText(string Text, IReadOnlyList<string> Repairs);
