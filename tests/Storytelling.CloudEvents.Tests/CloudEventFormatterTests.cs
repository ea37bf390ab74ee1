using System.Text;
using System.Text.Json;

namespace Storytelling.CloudEvents.Tests;

public sealed class CloudEventFormatterTests
{
    [Theory]
    [InlineData(SpecExamples.CoreExample)]
    [InlineData(SpecExamples.BinaryData)]
    [InlineData(SpecExamples.XmlData)]
    [InlineData(SpecExamples.JsonData)]
    [InlineData(SpecExamples.StringDataWithoutContentType)]
    public void Every_spec_example_round_trips_through_the_formatter(string json)
    {
        var parsed = CloudEventParser.Parse(json).EnsureValid();

        var reparsed = CloudEventParser.Parse(CloudEventFormatter.SerializeToUtf8Bytes(parsed)).EnsureValid();

        Assert.Equal(parsed, reparsed);
    }

    [Fact]
    public void An_event_with_every_attribute_round_trips_exactly()
    {
        var original = new CloudEvent
        {
            Id = "0199f1c2-7d3e-7000-8000-000000000001",
            Source = "/storytelling/cleaning/worker-1",
            Type = EventTypes.DocumentCleaned,
            Time = new DateTimeOffset(2025, 11, 23, 9, 30, 15, 123, TimeSpan.FromHours(5.5)).AddTicks(4567),
            Subject = "documents/42",
            DataContentType = "application/json; charset=utf-8",
            DataSchema = "https://storytelling.example/schemas/document-cleaned/v1.json",
            Data = JsonElement.Parse("""{"documentId":"42","title":"Caf\u00e9 \"quoted\"","characters":1234,"tags":["a",null]}"""),
        }
        .WithExtension("attempt", 3)
        .WithExtension("replayed", false)
        .WithExtension("batchname", "morning <feed> & more")
        .WithTraceContext(TraceContext.Parse(SpecExamples.TraceParent), "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");

        var reparsed = CloudEventParser.Parse(CloudEventFormatter.Serialize(original)).EnsureValid();

        Assert.Equal(original, reparsed);
        Assert.Equal(TimeSpan.FromHours(5.5), reparsed.Time!.Value.Offset);
        Assert.Equal(original.Time!.Value.Ticks, reparsed.Time.Value.Ticks);
        Assert.Equal(SpecExamples.TraceParent, reparsed.TraceParent);
    }

    [Fact]
    public void Binary_data_is_written_as_data_base64_and_read_back_byte_for_byte()
    {
        byte[] bytes = [0, 1, 2, 250, 251, 252, 253, 254, 255];
        var original = new CloudEvent
        {
            Id = "1",
            Source = "/s",
            Type = "com.example.binary",
            DataContentType = "application/octet-stream",
            DataBase64 = bytes,
        };

        var json = CloudEventFormatter.Serialize(original);
        var reparsed = CloudEventParser.Parse(json).EnsureValid();

        using var document = JsonDocument.Parse(json);
        Assert.Equal(Convert.ToBase64String(bytes), document.RootElement.GetProperty("data_base64").GetString());
        Assert.False(document.RootElement.TryGetProperty("data", out _));
        Assert.Equal(bytes, reparsed.DataBase64!.Value.ToArray());
        Assert.Equal(original, reparsed);
    }

    [Fact]
    public void Extensions_are_written_as_top_level_members_with_their_json_types()
    {
        var cloudEvent = Minimal()
            .WithExtension("comexampleextension1", "value")
            .WithExtension("comexampleothervalue", 5)
            .WithExtension("comexampleflag", true);

        using var document = JsonDocument.Parse(CloudEventFormatter.SerializeToUtf8Bytes(cloudEvent));
        var root = document.RootElement;

        Assert.Equal("value", root.GetProperty("comexampleextension1").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("comexampleothervalue").ValueKind);
        Assert.Equal(5, root.GetProperty("comexampleothervalue").GetInt32());
        Assert.Equal(JsonValueKind.True, root.GetProperty("comexampleflag").ValueKind);
    }

    [Theory]
    [InlineData("2018-04-05T17:31:00Z", "2018-04-05T17:31:00Z")]
    [InlineData("2018-04-05T17:31:00.5+02:00", "2018-04-05T17:31:00.5+02:00")]
    [InlineData("1996-12-19T16:39:57-08:00", "1996-12-19T16:39:57-08:00")]
    [InlineData("2018-04-05T17:31:00.1234567-00:30", "2018-04-05T17:31:00.1234567-00:30")]
    [InlineData("2018-04-05T17:31:00.000Z", "2018-04-05T17:31:00Z")]
    public void Time_is_written_as_rfc3339_with_its_offset(string input, string written)
    {
        var parsed = CloudEventParser.Parse(SpecExamples.Minimal($",\"time\":\"{input}\"")).EnsureValid();

        using var document = JsonDocument.Parse(CloudEventFormatter.Serialize(parsed));

        Assert.Equal(written, document.RootElement.GetProperty("time").GetString());
    }

    [Fact]
    public void Absent_optional_attributes_are_not_written()
    {
        using var document = JsonDocument.Parse(CloudEventFormatter.Serialize(Minimal()));

        Assert.Equal(
            ["specversion", "id", "source", "type"],
            document.RootElement.EnumerateObject().Select(member => member.Name));
    }

    [Fact]
    public void Explicit_null_data_is_written_as_data_null()
    {
        var cloudEvent = Minimal() with { Data = JsonElement.Parse("null") };

        using var document = JsonDocument.Parse(CloudEventFormatter.Serialize(cloudEvent));

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("data").ValueKind);
    }

    [Fact]
    public void Write_puts_the_event_into_a_caller_owned_writer()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            CloudEventFormatter.Write(writer, Minimal());
            CloudEventFormatter.Write(writer, Minimal() with { Id = "2" });
            writer.WriteEndArray();
        }

        using var batch = JsonDocument.Parse(stream.ToArray());

        Assert.Equal(["1", "2"], batch.RootElement.EnumerateArray().Select(e => CloudEventParser.Parse(e).EnsureValid().Id));
    }

    [Fact]
    public void An_invalid_event_is_not_written_and_every_error_is_reported()
    {
        var invalid = new CloudEvent
        {
            Id = string.Empty,
            Source = "not a uri",
            Type = "com.example.test",
            DataSchema = "/relative",
            Data = JsonElement.Parse("{}"),
            DataBase64 = new byte[] { 1 },
        }.WithExtension("Bad-Name", 1);

        var exception = Assert.Throws<InvalidCloudEventException>(() => CloudEventFormatter.Serialize(invalid));

        Assert.Equal(["id", "source", "dataschema", "Bad-Name", "data_base64"], exception.Errors.Select(e => e.Attribute));
    }

    [Fact]
    public void Nothing_is_written_to_the_writer_when_the_event_is_invalid()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Assert.Throws<InvalidCloudEventException>(() => CloudEventFormatter.Write(writer, Minimal() with { SpecVersion = "0.3" }));
        }

        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Output_is_utf8_json_of_the_cloudevents_media_type()
    {
        var bytes = CloudEventFormatter.SerializeToUtf8Bytes(Minimal() with { Subject = "caf\u00e9" });

        Assert.Equal("application/cloudevents+json", CloudEventFormatter.MediaType);
        Assert.Equal("caf\u00e9", JsonDocument.Parse(bytes).RootElement.GetProperty("subject").GetString());
        Assert.Equal(CloudEventFormatter.Serialize(Minimal()), Encoding.UTF8.GetString(CloudEventFormatter.SerializeToUtf8Bytes(Minimal())));
    }

    private static CloudEvent Minimal() => new() { Id = "1", Source = "/s", Type = "com.example.test" };
}
