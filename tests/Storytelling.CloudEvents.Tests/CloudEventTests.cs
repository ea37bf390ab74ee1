using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storytelling.CloudEvents.Tests;

public sealed partial class CloudEventTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_fills_id_time_specversion_and_json_content_type()
    {
        var cloudEvent = CloudEvent.Create(
            EventTypes.CleaningJobCompleted, "/storytelling/cleaning", new JobCounts("job-1", 10), timeProvider: new FixedTime(Now));

        Assert.Equal(EventTypes.CleaningJobCompleted, cloudEvent.Type);
        Assert.Equal("/storytelling/cleaning", cloudEvent.Source);
        Assert.Equal("1.0", cloudEvent.SpecVersion);
        Assert.Equal(Now, cloudEvent.Time);
        Assert.Equal(TimeSpan.Zero, cloudEvent.Time!.Value.Offset);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Empty(cloudEvent.Validate());
    }

    [Fact]
    public void Create_uses_a_version_7_guid_carrying_the_event_time()
    {
        var cloudEvent = CloudEvent.Create(EventTypes.DocumentCleaned, "/s", new JobCounts("j", 1), timeProvider: new FixedTime(Now));

        var id = Guid.Parse(cloudEvent.Id);
        Assert.Equal(7, id.Version);
        var milliseconds = Convert.ToInt64(cloudEvent.Id.Replace("-", string.Empty, StringComparison.Ordinal)[..12], 16);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), milliseconds);
    }

    [Fact]
    public void Create_gives_every_event_a_new_id()
    {
        var first = CloudEvent.Create(EventTypes.DocumentCleaned, "/s", 1);
        var second = CloudEvent.Create(EventTypes.DocumentCleaned, "/s", 1);

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void Create_serializes_data_with_snake_case_names_by_default()
    {
        var cloudEvent = CloudEvent.Create(EventTypes.CleaningJobCompleted, "/s", new JobCounts("job-1", 10));

        Assert.Equal("job-1", cloudEvent.Data!.Value.GetProperty("job_id").GetString());
        Assert.Equal(10, cloudEvent.Data.Value.GetProperty("document_count").GetInt32());
    }

    [Fact]
    public void Create_can_serialize_data_with_source_generated_metadata()
    {
        var cloudEvent = CloudEvent.Create(
            EventTypes.CleaningJobCompleted, "/s", new JobCounts("job-2", 3), TestJsonContext.Default.JobCounts);

        Assert.Equal("job-2", cloudEvent.Data!.Value.GetProperty("job_id").GetString());
    }

    [Fact]
    public void With_trace_context_sets_traceparent_and_tracestate_extensions()
    {
        var trace = TraceContext.Parse(SpecExamples.TraceParent);

        var cloudEvent = Minimal().WithTraceContext(trace, "congo=t61rcWkgMzE");

        Assert.Equal(SpecExamples.TraceParent, cloudEvent.TraceParent);
        Assert.Equal("congo=t61rcWkgMzE", cloudEvent.TraceState);
        Assert.Equal(ExtensionValue.FromString(SpecExamples.TraceParent), cloudEvent.Extensions["traceparent"]);
    }

    [Fact]
    public void With_trace_context_without_state_drops_a_previous_tracestate()
    {
        var cloudEvent = Minimal()
            .WithTraceContext(TraceContext.CreateNew(), "rojo=1")
            .WithTraceContext(TraceContext.Parse(SpecExamples.TraceParent));

        Assert.Null(cloudEvent.TraceState);
        Assert.Equal(SpecExamples.TraceParent, cloudEvent.TraceParent);
    }

    [Fact]
    public void With_extension_returns_a_copy_and_leaves_the_original_alone()
    {
        var original = Minimal();

        var extended = original.WithExtension("attempt", 2).WithExtension("attempt", 3);

        Assert.Empty(original.Extensions);
        Assert.Equal(ExtensionValue.FromInt32(3), extended.Extensions["attempt"]);
        Assert.NotEqual(original, extended);
    }

    [Fact]
    public void Trace_properties_are_null_without_the_extensions()
    {
        Assert.Null(Minimal().TraceParent);
        Assert.Null(Minimal().TraceState);
    }

    [Fact]
    public void Validate_returns_no_errors_for_a_valid_event()
    {
        Assert.Empty(Minimal().Validate());
    }

    [Theory]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("type")]
    [InlineData("subject")]
    public void Validate_rejects_empty_strings_where_the_spec_requires_non_empty(string attribute)
    {
        var cloudEvent = attribute switch
        {
            "id" => Minimal() with { Id = string.Empty },
            "source" => Minimal() with { Source = string.Empty },
            "type" => Minimal() with { Type = string.Empty },
            _ => Minimal() with { Subject = string.Empty },
        };

        Assert.Equal(attribute, Assert.Single(cloudEvent.Validate()).Attribute);
    }

    [Theory]
    [InlineData("data")]
    [InlineData("id")]
    [InlineData("specversion")]
    [InlineData("data_base64")]
    public void Validate_rejects_an_extension_named_like_a_core_or_reserved_member(string name)
    {
        var error = Assert.Single(Minimal().WithExtension(name, "x").Validate());

        Assert.Equal(name, error.Attribute);
    }

    [Fact]
    public void Validate_rejects_an_unset_extension_value_and_an_invalid_traceparent()
    {
        var cloudEvent = Minimal().WithExtension("unset", default).WithExtension("traceparent", "00-abc");

        Assert.Equal(["unset", "traceparent"], cloudEvent.Validate().Select(e => e.Attribute));
    }

    [Fact]
    public void Validate_rejects_a_traceparent_that_is_not_a_string()
    {
        Assert.Equal("traceparent", Assert.Single(Minimal().WithExtension("traceparent", 1).Validate()).Attribute);
    }

    [Fact]
    public void Validate_rejects_a_default_json_element_as_data()
    {
        Assert.Equal("data", Assert.Single((Minimal() with { Data = default(JsonElement) }).Validate()).Attribute);
    }

    [Fact]
    public void Events_with_the_same_instant_in_different_offsets_are_not_equal()
    {
        var utc = Minimal() with { Time = Now };
        var shifted = Minimal() with { Time = Now.ToOffset(TimeSpan.FromHours(2)) };

        Assert.NotEqual(utc, shifted);
        Assert.Equal(utc, Minimal() with { Time = Now });
    }

    [Fact]
    public void Events_compare_data_by_json_value_and_binary_data_by_bytes()
    {
        var a = Minimal() with { Data = JsonElement.Parse("""{"a":1,"b":[true]}""") };
        var b = Minimal() with { Data = JsonElement.Parse("""{ "a": 1, "b": [ true ] }""") };
        var c = Minimal() with { Data = JsonElement.Parse("""{"a":2,"b":[true]}""") };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal(Minimal() with { DataBase64 = new byte[] { 1, 2 } }, Minimal() with { DataBase64 = new byte[] { 1, 2 } });
        Assert.NotEqual(Minimal() with { DataBase64 = new byte[] { 1, 2 } }, Minimal() with { DataBase64 = new byte[] { 1, 3 } });
    }

    private static CloudEvent Minimal() => new() { Id = "1", Source = "/s", Type = "com.example.test" };

    internal sealed record JobCounts(string JobId, int DocumentCount);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(JobCounts))]
    internal sealed partial class TestJsonContext : JsonSerializerContext;
}
