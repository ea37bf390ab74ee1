namespace Storytelling.CloudEvents.Tests;

public sealed class TraceContextTests
{
    [Fact]
    public void The_w3c_example_parses_into_its_fields()
    {
        var context = TraceContext.Parse(SpecExamples.TraceParent);

        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", context.TraceId);
        Assert.Equal("00f067aa0ba902b7", context.ParentId);
        Assert.Equal(0x01, context.Flags);
        Assert.True(context.IsSampled);
        Assert.Equal(SpecExamples.TraceParent, context.ToString());
    }

    [Fact]
    public void Unsampled_flags_are_kept()
    {
        var context = TraceContext.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");

        Assert.False(context.IsSampled);
        Assert.EndsWith("-00", context.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_higher_version_is_read_by_its_first_55_characters_and_written_as_version_00()
    {
        var context = TraceContext.Parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09-what-the-future-holds");

        Assert.Equal(SpecExamples.TraceParent[..^2] + "09", context.ToString());
    }

    [Theory]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7")]
    [InlineData("00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01")]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")]
    [InlineData("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData("0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.future")]
    [InlineData(" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    public void Invalid_traceparent_is_refused_by_try_parse_parse_and_validate(string value)
    {
        Assert.False(TraceContext.TryParse(value, out var context));
        Assert.Null(context);
        var exception = Assert.Throws<FormatException>(() => TraceContext.Parse(value));
        Assert.Contains("not a W3C traceparent", exception.Message, StringComparison.Ordinal);
        Assert.NotNull(TraceContext.Validate(value));
    }

    [Fact]
    public void Try_parse_of_null_is_false()
    {
        Assert.False(TraceContext.TryParse(null, out _));
    }

    [Fact]
    public void A_new_context_has_random_valid_ids()
    {
        var first = TraceContext.CreateNew();
        var second = TraceContext.CreateNew(sampled: false);

        Assert.Null(TraceContext.Validate(first.ToString()));
        Assert.Null(TraceContext.Validate(second.ToString()));
        Assert.NotEqual(first.TraceId, second.TraceId);
        Assert.NotEqual(first.ParentId, second.ParentId);
        Assert.True(first.IsSampled);
        Assert.False(second.IsSampled);
    }

    [Fact]
    public void A_child_keeps_the_trace_and_flags_with_a_new_parent_id()
    {
        var parent = TraceContext.Parse(SpecExamples.TraceParent);

        var child = parent.CreateChild();

        Assert.Equal(parent.TraceId, child.TraceId);
        Assert.Equal(parent.Flags, child.Flags);
        Assert.NotEqual(parent.ParentId, child.ParentId);
        Assert.Null(TraceContext.Validate(child.ToString()));
    }

    [Fact]
    public void Format_and_parse_round_trip()
    {
        var context = TraceContext.CreateNew();

        Assert.Equal(context, TraceContext.Parse(context.ToString()));
    }
}
