namespace Storytelling.Stories.Evaluation;

/// <summary>What the pipeline produced for one article: its text, its storyline and its event mentions with their clusters.</summary>
public sealed record PredictedDocument(string DocumentId, string Text, string StorylineId, IReadOnlyList<PredictedMention> Mentions);

/// <summary>A predicted event mention: trigger characters [<paramref name="Start"/>, <paramref name="End"/>) and its event cluster.</summary>
public sealed record PredictedMention(string EventId, int Start, int End, string ClusterId);
