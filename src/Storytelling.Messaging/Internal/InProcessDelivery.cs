namespace Storytelling.Messaging.Internal;

/// <summary>An entry waiting in a group: how often it was delivered so far and when it first failed.</summary>
internal readonly record struct InProcessDelivery(InProcessEntry Entry, int DeliveryCount, DateTimeOffset? FirstFailure);
