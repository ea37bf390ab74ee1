namespace Storytelling.Nlp.Corpora;

/// <summary>A range line such as <c>3-4 don't</c>: words FirstWord..LastWord (1-based, inclusive) share the surface form.</summary>
public sealed record ConlluMultiwordToken(int FirstWord, int LastWord, string Form, bool SpaceAfter);
