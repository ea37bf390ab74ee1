using Storytelling.CloudEvents;

namespace Storytelling.Messaging;

/// <summary>
/// What a handler gets: the event, where it came from, which attempt this is (1 the first time a handler starts on
/// the event, counted across consumers and restarts), and the cancellation token.
/// </summary>
public sealed record EventContext(
    CloudEvent Event, string Stream, string EntryId, long Attempt, CancellationToken CancellationToken);
