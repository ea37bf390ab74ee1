using Storytelling.CloudEvents;

namespace Storytelling.Messaging;

/// <summary>
/// An event a consumer group gave up on: the original event (null when the entry was not a valid CloudEvent, then
/// <see cref="EventError"/> says why), where it came from, the last error, how many attempts it had, when it first
/// and last failed, which consumer gave up, and how often it was replayed before.
/// </summary>
public sealed record DeadLetter(
    string Id,
    string SourceStream,
    string SourceEntryId,
    string Group,
    string Consumer,
    string Reason,
    string ErrorMessage,
    long Attempts,
    DateTimeOffset? FirstFailure,
    DateTimeOffset? LastFailure,
    long Replays,
    CloudEvent? Event,
    string? EventError);
