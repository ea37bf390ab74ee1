using System.Buffers;
using System.Text;
using Storytelling.Redis.Internal;

namespace Storytelling.Redis.Tests.Internal;

public sealed class RespWriterTests
{
    [Fact]
    public void A_command_is_written_as_an_array_of_bulk_strings()
    {
        var output = new ArrayBufferWriter<byte>();
        RespWriter.WriteCommand(output, ["SET", "kéy", -42L, new StreamId(1526919030474, 55), StreamId.NeverDelivered, new byte[] { 0, 13, 10 }]);

        var expected = "*6\r\n$3\r\nSET\r\n$4\r\nkéy\r\n$3\r\n-42\r\n$16\r\n1526919030474-55\r\n$1\r\n>\r\n$3\r\n\0\r\n\r\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Every_byte_value_survives_writing_and_parsing()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var output = new ArrayBufferWriter<byte>();
        RespWriter.WriteCommand(output, ["ECHO", all, string.Empty]);

        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        Assert.True(RespParser.TryRead(ref buffer, out var parsed));
        Assert.Equal(all, parsed.AsArray()[1].AsBytes().ToArray());
        Assert.Equal(0, parsed.AsArray()[2].AsBytes().Length);
    }
}
