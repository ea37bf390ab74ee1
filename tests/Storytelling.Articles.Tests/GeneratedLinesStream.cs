using System.Text;

namespace Storytelling.Articles.Tests;

/// <summary>
/// A read-only stream that makes JSONL lines up on demand, so a test can feed a large input without it
/// ever existing in memory, and can see how much of it the reader has pulled so far.
/// </summary>
internal sealed class GeneratedLinesStream(int lineCount, Func<int, string> lineFor) : Stream
{
    private byte[] _current = [];
    private int _offset;
    private int _nextLine = 1;

    /// <summary>Bytes handed out to readers so far.</summary>
    public long BytesProduced { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesProduced;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_offset == _current.Length)
            {
                if (_nextLine > lineCount)
                {
                    break;
                }

                _current = Encoding.UTF8.GetBytes(lineFor(_nextLine++) + "\n");
                _offset = 0;
            }

            var n = Math.Min(buffer.Length - written, _current.Length - _offset);
            _current.AsSpan(_offset, n).CopyTo(buffer[written..]);
            _offset += n;
            written += n;
        }

        BytesProduced += written;
        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
