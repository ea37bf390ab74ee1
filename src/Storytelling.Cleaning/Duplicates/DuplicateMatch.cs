namespace Storytelling.Cleaning.Duplicates;

/// <summary>A document found to repeat an earlier one: the group (the first document's id), the document it matched, and how.</summary>
public sealed record DuplicateMatch(string GroupId, string MatchedDocumentId, DuplicateKind Kind, double Similarity);
