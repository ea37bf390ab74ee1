using System.Text;
using System.Text.Json;

namespace Storytelling.CloudEvents.Tests;

public sealed class CloudEventParserTests
{
    [Fact]
    public void The_core_specification_example_parses_with_every_attribute()
    {
        var result = CloudEventParser.Parse(SpecExamples.CoreExample);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var parsed = result.Event;
        Assert.Equal("1.0", parsed.SpecVersion);
        Assert.Equal("com.github.pull_request.opened", parsed.Type);
        Assert.Equal("https://github.com/cloudevents/spec/pull", parsed.Source);
        Assert.Equal("123", parsed.Subject);
        Assert.Equal("A234-1234-1234", parsed.Id);
        Assert.Equal(new DateTimeOffset(2018, 4, 5, 17, 31, 0, TimeSpan.Zero), parsed.Time);
        Assert.Equal("text/xml", parsed.DataContentType);
        Assert.Equal("<much wow=\"xml\"/>", parsed.Data!.Value.GetString());
        Assert.Null(parsed.DataBase64);
        Assert.Equal(ExtensionValue.FromString("value"), parsed.Extensions["comexampleextension1"]);
        Assert.Equal(ExtensionValue.FromInt32(5), parsed.Extensions["comexampleothervalue"]);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void The_json_format_binary_example_decodes_data_base64_into_bytes()
    {
        var parsed = CloudEventParser.Parse(SpecExamples.BinaryData).EnsureValid();

        Assert.Equal(new byte[] { 1, 2, 3 }, parsed.DataBase64!.Value.ToArray());
        Assert.Null(parsed.Data);
        Assert.Equal("application/vnd.apache.thrift.binary", parsed.DataContentType);
    }

    [Fact]
    public void The_json_format_xml_example_keeps_the_xml_as_a_string_and_drops_the_null_extension()
    {
        var parsed = CloudEventParser.Parse(SpecExamples.XmlData).EnsureValid();

        Assert.Equal(JsonValueKind.String, parsed.Data!.Value.ValueKind);
        Assert.Equal("<much wow=\"xml\"/>", parsed.Data.Value.GetString());
        Assert.False(parsed.Extensions.ContainsKey("unsetextension"));
        Assert.Equal(2, parsed.Extensions.Count);
    }

    [Fact]
    public void The_json_format_json_example_keeps_object_data_and_treats_null_subject_as_absent()
    {
        var parsed = CloudEventParser.Parse(SpecExamples.JsonData).EnsureValid();

        Assert.Null(parsed.Subject);
        Assert.Equal("abc", parsed.Data!.Value.GetProperty("appinfoA").GetString());
        Assert.Equal(123, parsed.Data.Value.GetProperty("appinfoB").GetInt32());
        Assert.True(parsed.Data.Value.GetProperty("appinfoC").GetBoolean());
    }

    [Fact]
    public void The_json_format_string_example_without_datacontenttype_keeps_the_string_as_the_value()
    {
        var parsed = CloudEventParser.Parse(SpecExamples.StringDataWithoutContentType).EnsureValid();

        Assert.Null(parsed.DataContentType);
        Assert.Equal("I'm just a string", parsed.Data!.Value.GetString());
    }

    [Fact]
    public void Utf8_bytes_parse_like_a_string()
    {
        var fromBytes = CloudEventParser.Parse(Encoding.UTF8.GetBytes(SpecExamples.JsonData)).EnsureValid();

        Assert.Equal(CloudEventParser.Parse(SpecExamples.JsonData).EnsureValid(), fromBytes);
    }

    [Fact]
    public void An_element_of_a_json_batch_parses()
    {
        using var batch = JsonDocument.Parse($"[{SpecExamples.BinaryData},{SpecExamples.JsonData}]");

        var ids = batch.RootElement.EnumerateArray().Select(e => CloudEventParser.Parse(e).EnsureValid().Id);

        Assert.Equal(["A234-1234-1234", "C234-1234-1234"], ids);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("specversion")]
    [InlineData("type")]
    public void Missing_required_attribute_is_rejected_naming_the_attribute(string attribute)
    {
        var json = WithoutMember(SpecExamples.Minimal(), attribute);

        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal(attribute, error.Attribute);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_id_is_rejected_naming_the_attribute()
    {
        var result = CloudEventParser.Parse("""{"specversion":"1.0","source":"/s","type":"t"}""");

        Assert.False(result.IsValid);
        Assert.Null(result.Event);
        Assert.Equal("id", Assert.Single(result.Errors).Attribute);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("type")]
    [InlineData("subject")]
    public void Empty_string_attribute_is_rejected_as_the_spec_requires_non_empty(string attribute)
    {
        var json = WithMember(SpecExamples.Minimal(), attribute, "\"\"");

        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal(attribute, error.Attribute);
        Assert.Contains("non-empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("specversion")]
    [InlineData("type")]
    public void Required_attribute_set_to_null_is_treated_as_missing(string attribute)
    {
        var json = WithMember(SpecExamples.Minimal(), attribute, "null");

        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal(attribute, error.Attribute);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("time")]
    [InlineData("subject")]
    [InlineData("datacontenttype")]
    [InlineData("dataschema")]
    [InlineData("comexampleextension1")]
    public void Optional_attribute_set_to_null_is_treated_as_absent(string attribute)
    {
        var parsed = CloudEventParser.Parse(SpecExamples.Minimal($",\"{attribute}\":null")).EnsureValid();

        Assert.Null(parsed.Time);
        Assert.Null(parsed.Subject);
        Assert.Null(parsed.DataContentType);
        Assert.Null(parsed.DataSchema);
        Assert.Empty(parsed.Extensions);
    }

    [Theory]
    [InlineData("id", "1")]
    [InlineData("source", "{}")]
    [InlineData("type", "true")]
    [InlineData("specversion", "1.0")]
    [InlineData("time", "1522949460")]
    public void Attribute_that_is_not_a_json_string_is_rejected(string attribute, string value)
    {
        var json = WithMember(SpecExamples.Minimal(), attribute, value);

        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal(attribute, error.Attribute);
        Assert.Contains("must be a JSON string", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.3")]
    [InlineData("1.0.2")]
    [InlineData("1")]
    [InlineData("2.0")]
    public void Specversion_other_than_1_0_is_rejected_as_unsupported(string version)
    {
        var json = WithMember(SpecExamples.Minimal(), "specversion", $"\"{version}\"");

        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal("specversion", error.Attribute);
        Assert.Contains($"unsupported specversion '{version}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://github.com/cloudevents")]
    [InlineData("mailto:cncf-wg-serverless@lists.cncf.io")]
    [InlineData("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66")]
    [InlineData("/cloudevents/spec/pull/123")]
    [InlineData("/sensors/tn-1234567/alerts")]
    [InlineData("1-555-123-4567")]
    [InlineData("/storytelling/cleaning?worker=a%20b#here")]
    public void Source_examples_from_the_spec_are_accepted(string source)
    {
        var json = WithMember(SpecExamples.Minimal(), "source", JsonSerializer.Serialize(source));

        Assert.Equal(source, CloudEventParser.Parse(json).EnsureValid().Source);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("/bad%zzpercent")]
    [InlineData("/two#frag#ments")]
    [InlineData("1abc:not-a-scheme")]
    [InlineData("/caf\u00e9")]
    public void Source_that_is_not_a_uri_reference_is_rejected(string source)
    {
        var json = WithMember(SpecExamples.Minimal(), "source", JsonSerializer.Serialize(source));

        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal("source", error.Attribute);
        Assert.Contains("URI-reference", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2018-04-05T17:31:00Z", "2018-04-05T17:31:00+00:00")]
    [InlineData("1985-04-12T23:20:50.52Z", "1985-04-12T23:20:50.5200000+00:00")]
    [InlineData("1996-12-19T16:39:57-08:00", "1996-12-19T16:39:57-08:00")]
    [InlineData("1937-01-01T12:00:27.87+00:20", "1937-01-01T12:00:27.8700000+00:20")]
    [InlineData("2018-04-05t17:31:00z", "2018-04-05T17:31:00+00:00")]
    [InlineData("2024-02-29T00:00:00.123456789Z", "2024-02-29T00:00:00.1234567+00:00")]
    public void Time_accepts_the_rfc3339_examples_and_keeps_the_offset(string time, string expected)
    {
        var json = WithMember(SpecExamples.Minimal(), "time", $"\"{time}\"");

        var parsed = CloudEventParser.Parse(json).EnsureValid();

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed.Time);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, parsed.Time!.Value.Offset);
    }

    [Theory]
    [InlineData("2018-04-05 17:31:00Z")]
    [InlineData("2018-04-05T17:31:00")]
    [InlineData("2018-04-05")]
    [InlineData("05/04/2018 17:31")]
    [InlineData("2018-13-05T17:31:00Z")]
    [InlineData("2019-02-29T00:00:00Z")]
    [InlineData("2018-04-05T24:00:00Z")]
    [InlineData("1990-12-31T23:59:60Z")]
    [InlineData("2018-04-05T17:31:00+0100")]
    [InlineData("2018-04-05T17:31:00+15:00")]
    [InlineData("")]
    public void Time_that_is_not_an_rfc3339_timestamp_is_rejected(string time)
    {
        var json = WithMember(SpecExamples.Minimal(), "time", $"\"{time}\"");

        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal("time", error.Attribute);
        Assert.Contains("RFC 3339", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/cloudevents+json")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("text/plain;charset=\"utf-8\"")]
    [InlineData("application/vnd.apache.thrift.binary")]
    public void Datacontenttype_accepts_rfc2046_media_types(string contentType)
    {
        var json = WithMember(SpecExamples.Minimal(), "datacontenttype", JsonSerializer.Serialize(contentType));

        Assert.Equal(contentType, CloudEventParser.Parse(json).EnsureValid().DataContentType);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("application/")]
    [InlineData("/json")]
    [InlineData("application json")]
    [InlineData("text/plain; charset")]
    [InlineData("text/plain; charset=\"utf-8")]
    [InlineData("")]
    public void Datacontenttype_that_is_not_a_media_type_is_rejected(string contentType)
    {
        var json = WithMember(SpecExamples.Minimal(), "datacontenttype", JsonSerializer.Serialize(contentType));

        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal("datacontenttype", error.Attribute);
        Assert.Contains("RFC 2046", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://storytelling.example/schemas/document-cleaned/v1.json")]
    [InlineData("urn:storytelling:schema:document-cleaned:1")]
    public void Dataschema_accepts_an_absolute_uri(string schema)
    {
        var json = WithMember(SpecExamples.Minimal(), "dataschema", JsonSerializer.Serialize(schema));

        Assert.Equal(schema, CloudEventParser.Parse(json).EnsureValid().DataSchema);
    }

    [Theory]
    [InlineData("/schemas/document-cleaned.json", "no scheme")]
    [InlineData("document-cleaned.json", "no scheme")]
    [InlineData("https://example.com/schema.json#/definitions/a", "no fragment")]
    [InlineData("https://example.com/a schema.json", "not allowed")]
    [InlineData("", "non-empty")]
    public void Dataschema_that_is_not_an_absolute_uri_is_rejected(string schema, string reason)
    {
        var json = WithMember(SpecExamples.Minimal(), "dataschema", JsonSerializer.Serialize(schema));

        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal("dataschema", error.Attribute);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("comExampleExtension")]
    [InlineData("Traceparent")]
    [InlineData("com-example")]
    [InlineData("com_example")]
    [InlineData("com.example")]
    [InlineData("caf\u00e9")]
    [InlineData("")]
    public void Attribute_name_with_uppercase_or_punctuation_is_rejected_naming_it(string name)
    {
        var json = SpecExamples.Minimal($",{JsonSerializer.Serialize(name)}:\"value\"");

        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal(name, error.Attribute);
        Assert.Contains("lower-case ASCII letters and digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uppercase_core_attribute_name_is_rejected_and_the_real_one_reported_missing()
    {
        var json = """{"specversion":"1.0","ID":"1","source":"/s","type":"t"}""";

        var errors = CloudEventParser.Parse(json).Errors;

        Assert.Equal(["ID", "id"], errors.Select(e => e.Attribute));
    }

    [Fact]
    public void Attribute_name_longer_than_twenty_characters_is_accepted_because_the_limit_is_a_should()
    {
        var parsed = CloudEventParser.Parse(SpecExamples.Minimal(",\"storytellingpipelinestage\":\"cleaning\"")).EnsureValid();

        Assert.Equal(ExtensionValue.FromString("cleaning"), parsed.Extensions["storytellingpipelinestage"]);
    }

    [Fact]
    public void Extension_values_map_to_string_integer_and_boolean()
    {
        var json = SpecExamples.Minimal(""","text":"a","count":-2147483648,"max":2147483647,"flag":true,"off":false,"empty":"" """);

        var extensions = CloudEventParser.Parse(json).EnsureValid().Extensions;

        Assert.Equal(ExtensionValue.FromString("a"), extensions["text"]);
        Assert.Equal(ExtensionValue.FromInt32(int.MinValue), extensions["count"]);
        Assert.Equal(ExtensionValue.FromInt32(int.MaxValue), extensions["max"]);
        Assert.Equal(ExtensionValue.FromBoolean(true), extensions["flag"]);
        Assert.Equal(ExtensionValue.FromBoolean(false), extensions["off"]);
        Assert.Equal(ExtensionValue.FromString(string.Empty), extensions["empty"]);
    }

    [Theory]
    [InlineData("{\"a\":1}", "an object")]
    [InlineData("[1,2]", "an array")]
    public void Object_or_array_valued_extension_is_rejected(string value, string found)
    {
        var error = Assert.Single(CloudEventParser.Parse(SpecExamples.Minimal($",\"comexampleext\":{value}")).Errors);

        Assert.Equal("comexampleext", error.Attribute);
        Assert.Contains($"found {found}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5.0", "digits with an optional minus sign")]
    [InlineData("1e3", "digits with an optional minus sign")]
    [InlineData("0.5", "digits with an optional minus sign")]
    [InlineData("2147483648", "outside the 32-bit range")]
    [InlineData("-2147483649", "outside the 32-bit range")]
    public void Extension_number_that_is_not_a_32_bit_integer_is_rejected(string value, string reason)
    {
        var error = Assert.Single(CloudEventParser.Parse(SpecExamples.Minimal($",\"comexampleothervalue\":{value}")).Errors);

        Assert.Equal("comexampleothervalue", error.Attribute);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("line\\nbreak", "control character U+000A")]
    [InlineData("bell\\u0007", "control character U+0007")]
    [InlineData("c1\\u0085", "control character U+0085")]
    [InlineData("non\\uFFFFchar", "noncharacter U+FFFF")]
    [InlineData("non\\uFDD0char", "noncharacter U+FDD0")]
    public void String_attribute_with_a_character_the_spec_disallows_is_rejected(string escaped, string reason)
    {
        var json = WithMember(SpecExamples.Minimal(), "subject", $"\"{escaped}\"");

        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal("subject", error.Attribute);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpaired_surrogate_is_rejected_but_a_proper_pair_is_accepted()
    {
        var unpaired = CloudEventParser.Parse(SpecExamples.Minimal(""","comexampleext":"\uDEAD" """));
        var paired = CloudEventParser.Parse(SpecExamples.Minimal(""","comexampleext":"\uD800\uDEAD" """));

        var error = Assert.Single(unpaired.Errors);
        Assert.Equal("comexampleext", error.Attribute);
        Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExtensionValue.FromString("\uD800\uDEAD"), paired.EnsureValid().Extensions["comexampleext"]);
    }

    [Fact]
    public void Data_and_data_base64_together_are_rejected()
    {
        var error = Assert.Single(CloudEventParser.Parse(SpecExamples.Minimal(""","data":{"a":1},"data_base64":"AQID" """)).Errors);

        Assert.Equal("data_base64", error.Attribute);
        Assert.Contains("mutually exclusive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_null_data_is_kept_as_a_null_payload_distinct_from_no_data()
    {
        var withNull = CloudEventParser.Parse(SpecExamples.Minimal(",\"data\":null")).EnsureValid();
        var without = CloudEventParser.Parse(SpecExamples.Minimal()).EnsureValid();

        Assert.Equal(JsonValueKind.Null, withNull.Data!.Value.ValueKind);
        Assert.Null(without.Data);
        Assert.NotEqual(without, withNull);
    }

    [Fact]
    public void Null_data_base64_is_treated_as_absent()
    {
        var parsed = CloudEventParser.Parse(SpecExamples.Minimal(""","data":{"a":1},"data_base64":null""")).EnsureValid();

        Assert.Null(parsed.DataBase64);
        Assert.NotNull(parsed.Data);
    }

    [Theory]
    [InlineData("\"not base64!\"", "not valid base64")]
    [InlineData("\"AQI\"", "not valid base64")]
    [InlineData("\"AQ ID\"", "whitespace")]
    [InlineData("\"AQ-_\"", "not valid base64")]
    [InlineData("42", "must be a JSON string")]
    public void Invalid_data_base64_is_rejected(string value, string reason)
    {
        var error = Assert.Single(CloudEventParser.Parse(SpecExamples.Minimal($",\"data_base64\":{value}")).Errors);

        Assert.Equal("data_base64", error.Attribute);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_data_base64_is_empty_binary_data()
    {
        var parsed = CloudEventParser.Parse(SpecExamples.Minimal(",\"data_base64\":\"\"")).EnsureValid();

        Assert.True(parsed.DataBase64!.Value.IsEmpty);
    }

    [Fact]
    public void Non_string_data_with_a_non_json_content_type_is_rejected()
    {
        var json = SpecExamples.Minimal(""","datacontenttype":"application/xml","data":{"a":1}""");

        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal("data", error.Attribute);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/cloudevents+json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("text/json")]
    public void Object_data_with_a_json_content_type_is_accepted(string contentType)
    {
        var json = SpecExamples.Minimal($",\"datacontenttype\":\"{contentType.Replace("\"", "\\\"", StringComparison.Ordinal)}\",\"data\":{{\"a\":1}}");

        Assert.Equal(1, CloudEventParser.Parse(json).EnsureValid().Data!.Value.GetProperty("a").GetInt32());
    }

    [Fact]
    public void Valid_traceparent_is_exposed_on_the_event()
    {
        var json = SpecExamples.Minimal($",\"traceparent\":\"{SpecExamples.TraceParent}\",\"tracestate\":\"rojo=00f067aa0ba902b7\"");

        var parsed = CloudEventParser.Parse(json).EnsureValid();

        Assert.Equal(SpecExamples.TraceParent, parsed.TraceParent);
        Assert.Equal("rojo=00f067aa0ba902b7", parsed.TraceState);
    }

    [Theory]
    [InlineData("00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01", "trace id must be 32 lower-case hex")]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01", "trace id must not be all zeros")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "parent id must not be all zeros")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", "must be 55 characters")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", "must be 55 characters")]
    [InlineData("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "version ff is invalid")]
    [InlineData("00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", "separated by '-'")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g", "flags must be two lower-case hex")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba9z2b7-01", "parent id must be 16 lower-case hex")]
    [InlineData("", "version must be two lower-case hex")]
    public void Invalid_traceparent_is_rejected_saying_what_is_wrong(string traceParent, string reason)
    {
        var error = Assert.Single(CloudEventParser.Parse(SpecExamples.Minimal($",\"traceparent\":\"{traceParent}\"")).Errors);

        Assert.Equal("traceparent", error.Attribute);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Traceparent_that_is_not_a_string_is_rejected()
    {
        var error = Assert.Single(CloudEventParser.Parse(SpecExamples.Minimal(",\"traceparent\":1")).Errors);

        Assert.Equal("traceparent", error.Attribute);
    }

    [Theory]
    [InlineData("{\"id\": \"1\",", "line 1")]
    [InlineData("{\n  \"id\": \"1\",\n  \"source\": oops\n}", "line 3")]
    [InlineData("", "line 1")]
    [InlineData("{\"id\":\"1\"} trailing", "line 1")]
    public void Invalid_json_is_rejected_with_its_position(string json, string position)
    {
        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal("$", error.Attribute);
        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains(position, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_reports_the_byte_in_the_line()
    {
        var error = Assert.Single(CloudEventParser.Parse("{\n  \"id\": \"1\",\n  \"source\": oops\n}").Errors);

        Assert.Contains("line 3, byte 13", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_is_rejected_naming_the_attribute()
    {
        byte[] bytes = [.. """{"specversion":"1.0","id":"1","source":"/s","type":"t","subject":"caf"""u8, 0xC3, 0x28, .. "\"}"u8];

        var error = Assert.Single(CloudEventParser.Parse(bytes).Errors);

        Assert.Equal("subject", error.Attribute);
        Assert.Contains("invalid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_outside_a_string_is_rejected_as_invalid_json()
    {
        byte[] bytes = [.. "{\"id\":\"1\","u8, 0xC3, 0x28, .. "}"u8];

        var error = Assert.Single(CloudEventParser.Parse(bytes).Errors);

        Assert.Equal("$", error.Attribute);
        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"event\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    public void Json_that_is_not_an_object_is_rejected(string json, string found)
    {
        var error = Assert.Single(CloudEventParser.Parse(json).Errors);

        Assert.Equal("$", error.Attribute);
        Assert.Contains($"found {found}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_attribute_is_rejected()
    {
        var error = Assert.Single(CloudEventParser.Parse(SpecExamples.Minimal(",\"id\":\"2\"")).Errors);

        Assert.Equal("id", error.Attribute);
        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_errors_are_reported_together_each_naming_its_attribute()
    {
        const string json = """
            {
                "specversion": "0.3",
                "source": "",
                "type": "com.example.someevent",
                "time": "yesterday",
                "dataschema": "/relative",
                "BadName": 1,
                "comexampleobject": {},
                "traceparent": "00-xyz",
                "data": {},
                "data_base64": "AQID"
            }
            """;

        var errors = CloudEventParser.Parse(json).Errors;

        Assert.Equal(
            ["specversion", "source", "time", "dataschema", "BadName", "comexampleobject", "traceparent", "id", "data_base64"],
            errors.Select(e => e.Attribute));
    }

    private static string WithMember(string json, string name, string jsonValue) =>
        WithoutMember(json, name).TrimEnd('}') + $",\"{name}\":{jsonValue}}}";

    private static string WithoutMember(string json, string name)
    {
        var members = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        members.Remove(name);
        return JsonSerializer.Serialize(members);
    }
}
