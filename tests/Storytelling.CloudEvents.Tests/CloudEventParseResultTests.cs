namespace Storytelling.CloudEvents.Tests;

public sealed class CloudEventParseResultTests
{
    [Fact]
    public void Ensure_valid_returns_the_event_of_a_valid_result()
    {
        var result = CloudEventParser.Parse(SpecExamples.CoreExample);

        Assert.Same(result.Event, result.EnsureValid());
    }

    [Fact]
    public void Ensure_valid_throws_with_every_error_in_the_exception_and_its_message()
    {
        var result = CloudEventParser.Parse("""{"specversion":"0.3","source":"/s"}""");

        var exception = Assert.Throws<InvalidCloudEventException>(result.EnsureValid);

        Assert.Equal(result.Errors, exception.Errors);
        Assert.Equal(["specversion", "id", "type"], exception.Errors.Select(e => e.Attribute));
        Assert.Contains("specversion: unsupported specversion '0.3'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("id: is required", exception.Message, StringComparison.Ordinal);
        Assert.Contains("type: is required", exception.Message, StringComparison.Ordinal);
    }
}
