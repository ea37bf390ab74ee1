namespace Storytelling.Cleaning.Steps;

/// <summary>
/// A publication date after <see cref="DateNormalizer"/>: <see cref="PublishedAt"/> is the trusted UTC instant
/// (null when missing, unparseable or in the future), <see cref="Parsed"/> what the raw value said (in UTC, even when
/// not trusted), <see cref="Flags"/> codes such as <c>future_date</c>, and <see cref="Reason"/> a sentence when flagged.
/// </summary>
public sealed record NormalizedDate(DateTimeOffset? PublishedAt, DateTimeOffset? Parsed, IReadOnlyList<string> Flags, string? Reason);
