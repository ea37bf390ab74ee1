namespace Storytelling.Redis.Tests;

public sealed class StreamIdTests
{
    [Theory]
    [InlineData("1526919030474-55", 1526919030474UL, 55UL)]
    [InlineData("1526919030474", 1526919030474UL, 0UL)]
    [InlineData("0", 0UL, 0UL)]
    [InlineData("0-0", 0UL, 0UL)]
    [InlineData("-", 0UL, 0UL)]
    [InlineData("+", ulong.MaxValue, ulong.MaxValue)]
    [InlineData("18446744073709551615-18446744073709551615", ulong.MaxValue, ulong.MaxValue)]
    public void Concrete_ids_parse_to_milliseconds_and_sequence(string text, ulong milliseconds, ulong sequence)
    {
        var id = StreamId.Parse(text);
        Assert.True(id.IsConcrete);
        Assert.Equal(new StreamId(milliseconds, sequence), id);
    }

    [Fact]
    public void Special_positions_parse_and_format_back()
    {
        Assert.Equal(StreamId.LastEntry, StreamId.Parse("$"));
        Assert.Equal(StreamId.NeverDelivered, StreamId.Parse(">"));
        Assert.False(StreamId.LastEntry.IsConcrete);
        Assert.Equal("$", StreamId.LastEntry.ToString());
        Assert.Equal(">", StreamId.NeverDelivered.ToString());
        Assert.NotEqual(StreamId.LastEntry, StreamId.Min);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1-")]
    [InlineData("-1")]
    [InlineData("1-2-3")]
    [InlineData(" 1-0")]
    [InlineData("1-0 ")]
    [InlineData("18446744073709551616-0")]
    [InlineData("1-+5")]
    [InlineData("*")]
    [InlineData("1-é")]
    public void Malformed_ids_are_rejected(string text)
    {
        Assert.False(StreamId.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => StreamId.Parse(text));
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_gives_milliseconds_dash_sequence_and_parses_back()
    {
        var id = new StreamId(1526919030474, 55);
        Assert.Equal("1526919030474-55", id.ToString());
        Assert.Equal(id, StreamId.Parse(id.ToString()));
        Assert.Equal(StreamId.Max, StreamId.Parse(StreamId.Max.ToString()));
    }

    [Fact]
    public void Ids_compare_by_milliseconds_then_sequence()
    {
        var ids = new[] { new StreamId(2, 0), new StreamId(1, 10), new StreamId(1, 9), new StreamId(10, 0), StreamId.Min };
        Assert.Equal(
            [StreamId.Min, new StreamId(1, 9), new StreamId(1, 10), new StreamId(2, 0), new StreamId(10, 0)],
            ids.Order());
        Assert.True(new StreamId(1, 10) < new StreamId(2, 0));
        Assert.True(new StreamId(2, 1) > new StreamId(2, 0));
        Assert.True(new StreamId(2, 1) >= new StreamId(2, 1));
    }

    [Fact]
    public void Positions_cannot_be_compared_or_incremented()
    {
        Assert.Throws<InvalidOperationException>(() => StreamId.LastEntry.CompareTo(StreamId.Min));
        Assert.Throws<InvalidOperationException>(() => StreamId.NeverDelivered.Increment());
    }

    [Fact]
    public void Increment_adds_one_to_the_sequence_and_carries_into_milliseconds()
    {
        Assert.Equal(new StreamId(5, 1), new StreamId(5, 0).Increment());
        Assert.Equal(new StreamId(6, 0), new StreamId(5, ulong.MaxValue).Increment());
        Assert.Throws<OverflowException>(() => StreamId.Max.Increment());
    }

    [Fact]
    public void FromTime_uses_unix_milliseconds_and_Timestamp_gives_them_back()
    {
        var time = new DateTimeOffset(2024, 5, 1, 12, 0, 0, 123, TimeSpan.Zero);
        var id = StreamId.FromTime(time);
        Assert.Equal(new StreamId((ulong)time.ToUnixTimeMilliseconds(), 0), id);
        Assert.Equal(time, id.Timestamp);
    }
}
