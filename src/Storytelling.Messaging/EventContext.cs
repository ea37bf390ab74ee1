using Storytelling.CloudEvents;

namespace Storytelling.Messaging;

/// <summary>What a handler gets: the event, where it came from, how often it was delivered, and the cancellation token.</summary>
public sealed record EventContext(
    CloudEvent Event, string Stream, string EntryId, long DeliveryCount, CancellationToken CancellationToken);
