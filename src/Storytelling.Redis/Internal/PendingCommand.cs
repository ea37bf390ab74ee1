namespace Storytelling.Redis.Internal;

/// <summary>
/// A command waiting to be written and then for its reply. Its caller may give up (timeout, cancellation);
/// an abandoned command that was not written yet is skipped, one already written still has its reply read
/// and discarded, so replies always match commands in order.
/// </summary>
internal sealed class PendingCommand(RedisArgument[] arguments)
    : TaskCompletionSource<RedisValue>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    private volatile bool abandoned;

    public RedisArgument[] Arguments { get; } = arguments;

    public bool IsAbandoned => abandoned;

    public void Abandon() => abandoned = true;
}
