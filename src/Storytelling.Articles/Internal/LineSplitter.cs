using System.Buffers;

namespace Storytelling.Articles.Internal;

/// <summary>
/// Cuts the bytes of one input into lines as they arrive from a <see cref="System.IO.Pipelines.PipeReader"/>.
/// A line is held only up to the line limit: beyond it the splitter switches to skipping, consuming bytes
/// up to the next newline while counting them, so a huge line never sits in memory whole.
/// </summary>
internal sealed class LineSplitter(ArticleInputOptions options, ArticleLineProcessor processor)
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private bool _bomChecked;
    private long _lineNumber;
    private long _searched;
    private bool _skipping;
    private long _skippedBytes;
    private bool _skippedEndsWithCr;
    private byte[] _skippedStart = [];

    /// <summary>
    /// Splits the complete lines off <paramref name="buffer"/>, adding their results to <paramref name="results"/>,
    /// and returns how far the pipe may advance. With <paramref name="isFinal"/> the rest is the last line.
    /// </summary>
    public (SequencePosition Consumed, SequencePosition Examined) Split(
        ReadOnlySequence<byte> buffer, bool isFinal, List<ArticleReadResult> results)
    {
        if (!_bomChecked)
        {
            if (buffer.Length < Utf8Bom.Length && !isFinal)
            {
                return (buffer.Start, buffer.End);
            }

            _bomChecked = true;
            if (StartsWithBom(buffer))
            {
                buffer = buffer.Slice(Utf8Bom.Length);
            }
        }

        while (true)
        {
            if (_skipping)
            {
                var end = buffer.PositionOf((byte)'\n');
                var part = end is { } found ? buffer.Slice(0, found) : buffer;
                if (part.Length > 0)
                {
                    _skippedBytes += part.Length;
                    _skippedEndsWithCr = LastByte(part) == (byte)'\r';
                }

                if (end is null && !isFinal)
                {
                    return (buffer.End, buffer.End);
                }

                _skipping = false;
                var length = _skippedBytes - (_skippedEndsWithCr ? 1 : 0);
                results.Add(processor.RejectTooLong(_skippedStart, length, _lineNumber));
                _skippedStart = [];
                if (end is null)
                {
                    return (buffer.End, buffer.End);
                }

                buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
                continue;
            }

            var newline = buffer.Slice(_searched).PositionOf((byte)'\n');
            if (newline is null)
            {
                if (isFinal)
                {
                    if (buffer.Length > 0)
                    {
                        ProcessLine(buffer, results);
                    }

                    return (buffer.End, buffer.End);
                }

                // One byte of slack for the CR of a CRLF whose LF has not arrived yet.
                if (buffer.Length > options.MaxLineBytes + 1L)
                {
                    StartSkipping(buffer);
                    return (buffer.End, buffer.End);
                }

                _searched = buffer.Length;
                return (buffer.Start, buffer.End);
            }

            _searched = 0;
            ProcessLine(buffer.Slice(0, newline.Value), results);
            buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        }
    }

    private void StartSkipping(ReadOnlySequence<byte> start)
    {
        _lineNumber++;
        _searched = 0;
        _skipping = true;
        _skippedBytes = start.Length;
        _skippedEndsWithCr = LastByte(start) == (byte)'\r';

        // Enough bytes for the excerpt: a character takes at most 4 bytes.
        var keep = (int)Math.Min(start.Length, 4L * options.RejectedExcerptChars + 4);
        _skippedStart = start.Slice(0, keep).ToArray();
    }

    private void ProcessLine(ReadOnlySequence<byte> line, List<ArticleReadResult> results)
    {
        _lineNumber++;
        ArticleReadResult? result;
        if (line.IsSingleSegment)
        {
            result = processor.Process(line.FirstSpan, _lineNumber);
        }
        else if (line.Length > options.MaxLineBytes + 1L)
        {
            var start = line.Slice(0, Math.Min(line.Length, 4L * options.RejectedExcerptChars + 4)).ToArray();
            var length = line.Length - (LastByte(line) == (byte)'\r' ? 1 : 0);
            result = processor.RejectTooLong(start, length, _lineNumber);
        }
        else
        {
            var length = (int)line.Length;
            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                line.CopyTo(rented);
                result = processor.Process(rented.AsSpan(0, length), _lineNumber);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        if (result is not null)
        {
            results.Add(result);
        }
    }

    private static bool StartsWithBom(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < Utf8Bom.Length)
        {
            return false;
        }

        Span<byte> start = stackalloc byte[3];
        buffer.Slice(0, Utf8Bom.Length).CopyTo(start);
        return start.SequenceEqual(Utf8Bom);
    }

    private static byte LastByte(ReadOnlySequence<byte> bytes) => bytes.Slice(bytes.Length - 1).FirstSpan[0];
}
