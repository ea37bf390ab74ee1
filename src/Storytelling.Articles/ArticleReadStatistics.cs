namespace Storytelling.Articles;

/// <summary>
/// Counts filled in while an input is read; safe to read from another thread (e.g. a progress display).
/// Every line is counted once: <c>LinesRead = Articles + Rejected + BlankLines</c> when the read has finished.
/// </summary>
public sealed class ArticleReadStatistics
{
    private long _linesRead;
    private long _articles;
    private long _rejected;
    private long _blankLines;
    private long _bytesRead;

    public long LinesRead => Volatile.Read(ref _linesRead);

    public long Articles => Volatile.Read(ref _articles);

    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Empty or whitespace-only lines, skipped without a rejection.</summary>
    public long BlankLines => Volatile.Read(ref _blankLines);

    /// <summary>Bytes consumed from the input, including line terminators and a byte order mark.</summary>
    public long BytesRead => Volatile.Read(ref _bytesRead);

    internal void CountLine() => Interlocked.Increment(ref _linesRead);

    internal void CountArticle() => Interlocked.Increment(ref _articles);

    internal void CountRejected() => Interlocked.Increment(ref _rejected);

    internal void CountBlankLine() => Interlocked.Increment(ref _blankLines);

    internal void CountBytes(long bytes) => Interlocked.Add(ref _bytesRead, bytes);
}
