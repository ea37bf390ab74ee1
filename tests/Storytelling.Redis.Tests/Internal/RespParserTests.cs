using System.Buffers;
using System.Text;
using Storytelling.Redis.Internal;

namespace Storytelling.Redis.Tests.Internal;

public sealed class RespParserTests
{
    public static TheoryData<string, string> Frames => new()
    {
        { "+OK\r\n", "simple:OK" },
        { "+\r\n", "simple:" },
        { "-ERR unknown command 'FOO'\r\n", "error:ERR unknown command 'FOO'" },
        { ":0\r\n", "int:0" },
        { ":-9223372036854775808\r\n", "int:-9223372036854775808" },
        { "$5\r\nhello\r\n", "bulk:68656C6C6F" },
        { "$0\r\n\r\n", "bulk:" },
        { "$4\r\na\r\nb\r\n", "bulk:610D0A62" },
        { "$-1\r\n", "null-bulk" },
        { "*-1\r\n", "null-array" },
        { "*0\r\n", "[]" },
        { "*3\r\n:1\r\n$1\r\na\r\n+b\r\n", "[int:1,bulk:61,simple:b]" },
        { "*2\r\n*2\r\n:1\r\n*1\r\n$-1\r\n*-1\r\n", "[[int:1,[null-bulk]],null-array]" },
        { "*2\r\n$13\r\n1526919030474\r\n*2\r\n$1\r\nf\r\n$0\r\n\r\n", "[bulk:31353236393139303330343734,[bulk:66,bulk:]]" },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Every_prefix_of_a_frame_needs_more_data_and_the_whole_frame_parses(string frame, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        for (var length = 0; length < bytes.Length; length++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, length);
            Assert.False(RespParser.TryRead(ref partial, out _), $"{length} of {bytes.Length} bytes parsed as a whole frame");
            Assert.Equal(length, partial.Length);
        }

        var whole = new ReadOnlySequence<byte>(bytes);
        Assert.True(RespParser.TryRead(ref whole, out var value));
        Assert.Equal(expected, Describe(value));
        Assert.True(whole.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void A_frame_split_into_two_segments_at_every_byte_boundary_parses(string frame, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var buffer = Segments(bytes[..split], bytes[split..]);
            Assert.True(RespParser.TryRead(ref buffer, out var value), $"split at {split}");
            Assert.Equal(expected, Describe(value));
            Assert.True(buffer.IsEmpty);
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void A_frame_arriving_one_byte_per_segment_parses_only_when_complete(string frame, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        for (var count = 1; count <= bytes.Length; count++)
        {
            var buffer = Segments([.. bytes.Take(count).Select(b => new[] { b })]);
            var parsed = RespParser.TryRead(ref buffer, out var value);
            Assert.Equal(count == bytes.Length, parsed);
            if (parsed)
            {
                Assert.Equal(expected, Describe(value));
            }
        }
    }

    [Fact]
    public void Back_to_back_frames_are_read_one_at_a_time_leaving_the_rest()
    {
        var buffer = new ReadOnlySequence<byte>("+OK\r\n:7\r\n$3\r\nab"u8.ToArray());
        Assert.True(RespParser.TryRead(ref buffer, out var first));
        Assert.True(RespParser.TryRead(ref buffer, out var second));
        Assert.False(RespParser.TryRead(ref buffer, out _));
        Assert.Equal("simple:OK", Describe(first));
        Assert.Equal("int:7", Describe(second));
        Assert.Equal("$3\r\nab", Encoding.ASCII.GetString(buffer.ToArray()));
    }

    [Theory]
    [InlineData("?oops\r\n", "type byte")]
    [InlineData(":12a\r\n", "integer")]
    [InlineData(":\r\n", "integer")]
    [InlineData("$3\r\nabcd\r\n", "CRLF")]
    [InlineData("$-2\r\n", "length")]
    [InlineData("$x\r\n", "bulk string length")]
    [InlineData("*-5\r\n", "array length")]
    [InlineData("+OK\n", "CR")]
    [InlineData("+O\rK\r\n", "CR")]
    [InlineData("*2\r\n:1\r\n!\r\n", "type byte")]
    public void A_malformed_frame_is_rejected_with_a_protocol_exception(string frame, string messagePart)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(frame));
        var error = Assert.Throws<RedisProtocolException>(() => RespParser.TryRead(ref buffer, out _));
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arrays_nested_deeper_than_the_limit_are_rejected()
    {
        var frame = string.Concat(Enumerable.Repeat("*1\r\n", RespParser.MaxDepth + 1)) + ":1\r\n";
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(frame));
        Assert.Throws<RedisProtocolException>(() => RespParser.TryRead(ref buffer, out _));
    }

    [Fact]
    public void A_line_without_end_longer_than_the_limit_is_rejected_not_awaited_forever()
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("+" + new string('a', RespParser.MaxLineLength + 1)));
        Assert.Throws<RedisProtocolException>(() => RespParser.TryRead(ref buffer, out _));
    }

    [Fact]
    public void A_huge_announced_array_waits_for_data_instead_of_allocating()
    {
        var buffer = new ReadOnlySequence<byte>("*2000000000\r\n:1\r\n"u8.ToArray());
        Assert.False(RespParser.TryRead(ref buffer, out _));
    }

    internal static string Describe(RedisValue value) => value.Kind switch
    {
        RedisValueKind.SimpleString => "simple:" + value.AsString(),
        RedisValueKind.Error => "error:" + value.AsString(),
        RedisValueKind.Integer => "int:" + value.AsInt64(),
        RedisValueKind.BulkString => value.IsNull ? "null-bulk" : "bulk:" + Convert.ToHexString(value.AsBytes().Span),
        _ => value.IsNull ? "null-array" : "[" + string.Join(",", value.AsArray().Select(Describe)) + "]",
    };

    private static ReadOnlySequence<byte> Segments(params byte[][] parts)
    {
        var first = new Segment(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            last = last.Append(part);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
