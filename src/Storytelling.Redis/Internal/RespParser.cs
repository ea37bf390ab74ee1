using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Storytelling.Redis.Internal;

/// <summary>
/// Incremental RESP2 reply parser. <see cref="TryRead"/> returns false when the buffer does not yet hold a
/// whole reply (nothing is consumed then) and throws <see cref="RedisProtocolException"/> for bytes that can
/// never become a valid reply.
/// </summary>
internal static class RespParser
{
    internal const int MaxDepth = 64;
    internal const int MaxLineLength = 64 * 1024;
    internal const long MaxBulkLength = 512L * 1024 * 1024;

    private static readonly string[] CommonReplies = ["OK", "PONG", "QUEUED"];

    /// <summary>Reads one whole reply from the front of <paramref name="buffer"/> and slices it off.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out RedisValue value)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!TryReadValue(ref reader, 0, out value))
        {
            value = default;
            return false;
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static bool TryReadValue(ref SequenceReader<byte> reader, int depth, out RedisValue value)
    {
        value = default;
        if (!reader.TryRead(out var type))
        {
            return false;
        }

        switch (type)
        {
            case (byte)'+':
                if (!TryReadLine(ref reader, out var simple))
                {
                    return false;
                }

                value = RedisValue.SimpleString(DecodeSimple(simple));
                return true;
            case (byte)'-':
                if (!TryReadLine(ref reader, out var error))
                {
                    return false;
                }

                value = RedisValue.Error(Encoding.UTF8.GetString(error));
                return true;
            case (byte)':':
                if (!TryReadLine(ref reader, out var integer))
                {
                    return false;
                }

                value = RedisValue.Integer(ParseInteger(integer, "integer"));
                return true;
            case (byte)'$':
                return TryReadBulk(ref reader, out value);
            case (byte)'*':
                return TryReadArray(ref reader, depth, out value);
            default:
                throw new RedisProtocolException(
                    $"Unexpected RESP type byte 0x{type:X2} ('{(char)type}') at offset {reader.Consumed - 1}; expected one of + - : $ *.");
        }
    }

    private static bool TryReadBulk(ref SequenceReader<byte> reader, out RedisValue value)
    {
        value = default;
        if (!TryReadLine(ref reader, out var header))
        {
            return false;
        }

        var length = ParseInteger(header, "bulk string length");
        if (length == -1)
        {
            value = RedisValue.Bulk(null);
            return true;
        }

        if (length is < -1 or > MaxBulkLength)
        {
            throw new RedisProtocolException($"Invalid bulk string length {length} (allowed: -1 to {MaxBulkLength}).");
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        var bytes = new byte[length];
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            throw new RedisProtocolException($"A bulk string of {length} bytes is not followed by CRLF.");
        }

        value = RedisValue.Bulk(bytes);
        return true;
    }

    private static bool TryReadArray(ref SequenceReader<byte> reader, int depth, out RedisValue value)
    {
        value = default;
        if (!TryReadLine(ref reader, out var header))
        {
            return false;
        }

        var count = ParseInteger(header, "array length");
        if (count == -1)
        {
            value = RedisValue.Array(null);
            return true;
        }

        if (count is < -1 or > int.MaxValue)
        {
            throw new RedisProtocolException($"Invalid array length {count}.");
        }

        if (depth >= MaxDepth)
        {
            throw new RedisProtocolException($"Arrays nested deeper than {MaxDepth} levels.");
        }

        // Every element takes at least 3 bytes ("+\r\n"): wait for them before allocating anything.
        if (reader.Remaining < count * 3)
        {
            return false;
        }

        var items = count == 0 ? [] : new RedisValue[count];
        for (var i = 0; i < items.Length; i++)
        {
            if (!TryReadValue(ref reader, depth + 1, out items[i]))
            {
                return false;
            }
        }

        value = RedisValue.Array(items);
        return true;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out ReadOnlySpan<byte> line)
    {
        if (!reader.TryReadTo(out line, (byte)'\n'))
        {
            if (reader.Remaining > MaxLineLength)
            {
                throw new RedisProtocolException($"No line end within {MaxLineLength} bytes.");
            }

            return false;
        }

        if (line.Length == 0 || line[^1] != (byte)'\r')
        {
            throw new RedisProtocolException("A line ends with LF without CR before it.");
        }

        line = line[..^1];
        if (line.Contains((byte)'\r'))
        {
            throw new RedisProtocolException("A line holds a CR that is not followed by LF.");
        }

        return true;
    }

    private static long ParseInteger(ReadOnlySpan<byte> text, string what)
    {
        if (text.IsEmpty || !Utf8Parser.TryParse(text, out long value, out var consumed) || consumed != text.Length)
        {
            throw new RedisProtocolException($"Invalid {what} '{Encoding.ASCII.GetString(text)}'.");
        }

        return value;
    }

    private static string DecodeSimple(ReadOnlySpan<byte> text)
    {
        foreach (var common in CommonReplies)
        {
            if (text.Length == common.Length && Ascii.Equals(text, common))
            {
                return common;
            }
        }

        return Encoding.UTF8.GetString(text);
    }
}
