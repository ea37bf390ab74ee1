namespace Storytelling.Embedded.Internal;

/// <summary>
/// Hands items that finish in any order to one reader in sequence order (0, 1, 2, ...), so the story stage sees
/// documents in input order whatever the NLP concurrency: the same input always gives the same storylines and ids.
/// <see cref="Close"/> says how many items there will be; reading ends after the last.
/// </summary>
internal sealed class InOrder<T> : IDisposable
{
    private readonly Dictionary<long, T> _ready = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Lock _lock = new();
    private long _count = long.MaxValue;

    public void Put(long sequence, T item)
    {
        lock (_lock)
        {
            if (!_ready.TryAdd(sequence, item))
            {
                throw new InvalidOperationException($"item {sequence} was put twice");
            }
        }

        _signal.Release();
    }

    public void Close(long count)
    {
        lock (_lock)
        {
            _count = count;
        }

        _signal.Release();
    }

    public async IAsyncEnumerable<T> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (long next = 0; ;)
        {
            T? item = default;
            bool found, done;
            lock (_lock)
            {
                done = next >= _count;
                found = !done && _ready.Remove(next, out item);
            }

            if (done)
            {
                yield break;
            }

            if (found)
            {
                next++;
                yield return item!;
            }
            else
            {
                await _signal.WaitAsync(cancellationToken);
            }
        }
    }

    public void Dispose() => _signal.Dispose();
}
