namespace Storytelling.Messaging;

/// <summary>
/// Asked by a consumer before each read of new entries: the read waits until <see cref="WaitAsync"/> completes. A
/// gate slows a producer whose output piles up downstream (backpressure) without stopping its other duties
/// (reclaiming, retries).
/// </summary>
public interface IReadGate
{
    /// <param name="entries">How many entries the read that follows may return at most.</param>
    ValueTask WaitAsync(int entries, CancellationToken cancellationToken);
}
