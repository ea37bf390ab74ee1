namespace Storytelling.Messaging;

/// <summary>
/// Handles one event. Throwing means "failed": the engine retries with backoff and dead-letters the event after the
/// retry budget. Handlers must make their effects idempotent on <c>source</c> + <c>id</c> where a crash between the
/// effect and the acknowledgement can repeat them.
/// </summary>
public interface IEventProcessor
{
    Task HandleAsync(EventContext context);
}
