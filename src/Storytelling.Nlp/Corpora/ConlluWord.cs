namespace Storytelling.Nlp.Corpora;

/// <summary>
/// One syntactic word line of a CoNLL-U sentence. <see cref="SpaceAfter"/> is false when MISC has
/// <c>SpaceAfter=No</c> or the word is inside a multiword token (then the range line's MISC decides for its last word).
/// </summary>
public sealed record ConlluWord(
    int Id,
    string Form,
    string Lemma,
    string Upos,
    string Xpos,
    string Features,
    int Head,
    string Relation,
    string Misc,
    bool SpaceAfter);
