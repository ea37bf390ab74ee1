using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Storytelling.Redis.Internal;

/// <summary>Writes commands as RESP arrays of bulk strings, straight into the output buffer.</summary>
internal static class RespWriter
{
    private const int MaxHeaderLength = 1 + 20 + 2;

    public static void WriteCommand(IBufferWriter<byte> output, ReadOnlySpan<RedisArgument> arguments)
    {
        WriteHeader(output, (byte)'*', arguments.Length);
        Span<byte> scratch = stackalloc byte[StreamId.MaxFormattedLength];
        foreach (var argument in arguments)
        {
            switch (argument.Kind)
            {
                case RedisArgument.Kinds.Text:
                    WriteText(output, argument.Text!);
                    break;
                case RedisArgument.Kinds.Bytes:
                    WriteBulk(output, argument.Bytes.Span);
                    break;
                case RedisArgument.Kinds.Integer:
                    Utf8Formatter.TryFormat(argument.Integer, scratch, out var length);
                    WriteBulk(output, scratch[..length]);
                    break;
                default:
                    WriteBulk(output, scratch[..argument.Id.Format(scratch)]);
                    break;
            }
        }
    }

    private static void WriteText(IBufferWriter<byte> output, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        WriteHeader(output, (byte)'$', length);
        var span = output.GetSpan(length + 2);
        Encoding.UTF8.GetBytes(text, span);
        span[length] = (byte)'\r';
        span[length + 1] = (byte)'\n';
        output.Advance(length + 2);
    }

    private static void WriteBulk(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        WriteHeader(output, (byte)'$', bytes.Length);
        output.Write(bytes);
        output.Write("\r\n"u8);
    }

    private static void WriteHeader(IBufferWriter<byte> output, byte type, int length)
    {
        var span = output.GetSpan(MaxHeaderLength);
        span[0] = type;
        Utf8Formatter.TryFormat(length, span[1..], out var written);
        span[written + 1] = (byte)'\r';
        span[written + 2] = (byte)'\n';
        output.Advance(written + 3);
    }
}
