using Storytelling.CloudEvents;
using Storytelling.Redis;

namespace Storytelling.Messaging.Internal;

/// <summary>An entry of an in-process stream: its id (Redis-shaped), the event and when it was published.</summary>
internal sealed record InProcessEntry(StreamId Id, CloudEvent Event, DateTimeOffset PublishedAt);
