namespace Storytelling.Messaging;

/// <summary>An <see cref="IEventProcessor"/> from a function.</summary>
public sealed class DelegateEventProcessor(Func<EventContext, Task> handle) : IEventProcessor
{
    public Task HandleAsync(EventContext context) => handle(context);
}
