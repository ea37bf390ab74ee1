using System.Text;
using System.Text.Json;
using Storytelling.CloudEvents;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;

namespace Storytelling.Messaging.Tests.Redis;

public sealed class CloudEventStreamBindingTests
{
    private static StreamEntry AsEntry(KeyValuePair<string, RedisArgument>[] fields) =>
        new(new StreamId(1, 0), [.. fields.Select(f => new KeyValuePair<string, ReadOnlyMemory<byte>>(f.Key, f.Value.ToBytes()))]);

    private static StreamEntry Entry(params (string Name, string Value)[] fields) =>
        new(new StreamId(1, 0), [.. fields.Select(f => new KeyValuePair<string, ReadOnlyMemory<byte>>(f.Name, Encoding.UTF8.GetBytes(f.Value)))]);

    [Fact]
    public void Json_event_round_trips_through_entry_fields()
    {
        var original = CloudEvent.Create(EventTypes.DocumentCleaned, "/storytelling/cleaning", new { document_id = "d1", chars = 42 })
            .WithTraceContext(TraceContext.CreateNew())
            .WithExtension("batchid", "b-7") with
        { Subject = "d1" };

        var fields = CloudEventStreamBinding.ToFields(original);
        var parsed = CloudEventStreamBinding.FromEntry(AsEntry(fields));

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(original, parsed.Event);
        Assert.Contains(fields, f => f.Key == "ce_type" && f.Value.ToString() == EventTypes.DocumentCleaned);
        Assert.Contains(fields, f => f.Key == "ce_traceparent");
        Assert.Contains(fields, f => f.Key == "content-type" && f.Value.ToString() == "application/json");
    }

    [Fact]
    public void Binary_data_round_trips_byte_for_byte()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var original = new CloudEvent { Id = "1", Source = "/s", Type = "t.binary", DataContentType = "application/octet-stream", DataBase64 = bytes };

        var parsed = CloudEventStreamBinding.FromEntry(AsEntry(CloudEventStreamBinding.ToFields(original)));

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(bytes, parsed.Event!.DataBase64!.Value.ToArray());
    }

    [Fact]
    public void Structured_mode_entry_with_a_cloudevent_field_is_read()
    {
        var json = """{"specversion":"1.0","id":"42","source":"/legacy","type":"com.storytelling.cleaning.job.completed","data":{"job_id":"j"}}""";

        var parsed = CloudEventStreamBinding.FromEntry(Entry(("cloudevent", json)));

        Assert.True(parsed.IsValid);
        Assert.Equal("42", parsed.Event!.Id);
        Assert.Equal("j", parsed.Event.Data!.Value.GetProperty("job_id").GetString());
    }

    [Fact]
    public void Entry_without_required_attributes_names_each_missing_one()
    {
        var parsed = CloudEventStreamBinding.FromEntry(Entry(("ce_specversion", "1.0"), ("ce_type", "t"), ("data", "{}")));

        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Errors, e => e.Attribute == "id");
        Assert.Contains(parsed.Errors, e => e.Attribute == "source");
    }

    [Fact]
    public void Invalid_json_data_is_reported_against_data()
    {
        var parsed = CloudEventStreamBinding.FromEntry(Entry(
            ("ce_specversion", "1.0"), ("ce_id", "1"), ("ce_source", "/s"), ("ce_type", "t"), ("content-type", "application/json"), ("data", "{not json")));

        Assert.Contains(parsed.Errors, e => e.Attribute == "data");
    }

    [Fact]
    public void Invalid_event_cannot_be_written()
    {
        var invalid = new CloudEvent { Id = "", Source = "/s", Type = "t" };

        Assert.Throws<InvalidCloudEventException>(() => CloudEventStreamBinding.ToFields(invalid));
    }

    [Fact]
    public void Time_keeps_its_offset()
    {
        var time = new DateTimeOffset(2026, 3, 2, 7, 40, 0, TimeSpan.FromHours(1));
        var original = new CloudEvent { Id = "1", Source = "/s", Type = "t", Time = time, Data = JsonDocument.Parse("1").RootElement };

        var parsed = CloudEventStreamBinding.FromEntry(AsEntry(CloudEventStreamBinding.ToFields(original)));

        Assert.Equal(time, parsed.Event!.Time);
        Assert.Equal(time.Offset, parsed.Event.Time!.Value.Offset);
    }
}
