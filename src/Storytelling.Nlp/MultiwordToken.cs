namespace Storytelling.Nlp;

/// <summary>
/// A surface token that stands for several syntactic words (CoNLL-U range lines such as <c>3-4 don't</c>):
/// words [FirstToken, LastToken] (document token indexes, inclusive) share the surface <see cref="Form"/>.
/// </summary>
public readonly record struct MultiwordToken(int FirstToken, int LastToken, string Form);
