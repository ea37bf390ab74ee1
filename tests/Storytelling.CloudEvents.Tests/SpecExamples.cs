namespace Storytelling.CloudEvents.Tests;

/// <summary>The example events of the CloudEvents 1.0.2 core specification and JSON event format.</summary>
internal static class SpecExamples
{
    /// <summary>Core specification, section "Example".</summary>
    public const string CoreExample = """
        {
            "specversion" : "1.0",
            "type" : "com.github.pull_request.opened",
            "source" : "https://github.com/cloudevents/spec/pull",
            "subject" : "123",
            "id" : "A234-1234-1234",
            "time" : "2018-04-05T17:31:00Z",
            "comexampleextension1" : "value",
            "comexampleothervalue" : 5,
            "datacontenttype" : "text/xml",
            "data" : "<much wow=\"xml\"/>"
        }
        """;

    /// <summary>JSON format 3.2, binary data (the spec elides the base64; here it encodes the bytes 1, 2, 3).</summary>
    public const string BinaryData = """
        {
            "specversion" : "1.0",
            "type" : "com.example.someevent",
            "source" : "/mycontext",
            "id" : "A234-1234-1234",
            "time" : "2018-04-05T17:31:00Z",
            "comexampleextension1" : "value",
            "comexampleothervalue" : 5,
            "datacontenttype" : "application/vnd.apache.thrift.binary",
            "data_base64" : "AQID"
        }
        """;

    /// <summary>JSON format 3.2, XML string data and an extension set to null.</summary>
    public const string XmlData = """
        {
            "specversion" : "1.0",
            "type" : "com.example.someevent",
            "source" : "/mycontext",
            "id" : "B234-1234-1234",
            "time" : "2018-04-05T17:31:00Z",
            "comexampleextension1" : "value",
            "comexampleothervalue" : 5,
            "unsetextension": null,
            "datacontenttype" : "application/xml",
            "data" : "<much wow=\"xml\"/>"
        }
        """;

    /// <summary>JSON format 3.2, JSON object data and a null subject.</summary>
    public const string JsonData = """
        {
            "specversion" : "1.0",
            "type" : "com.example.someevent",
            "source" : "/mycontext",
            "subject": null,
            "id" : "C234-1234-1234",
            "time" : "2018-04-05T17:31:00Z",
            "comexampleextension1" : "value",
            "comexampleothervalue" : 5,
            "datacontenttype" : "application/json",
            "data" : {
                "appinfoA" : "abc",
                "appinfoB" : 123,
                "appinfoC" : true
            }
        }
        """;

    /// <summary>JSON format 3.2, a JSON string as data and no datacontenttype.</summary>
    public const string StringDataWithoutContentType = """
        {
            "specversion" : "1.0",
            "type" : "com.example.someevent",
            "source" : "/mycontext",
            "subject": null,
            "id" : "D234-1234-1234",
            "time" : "2018-04-05T17:31:00Z",
            "comexampleextension1" : "value",
            "comexampleothervalue" : 5,
            "data" : "I'm just a string"
        }
        """;

    /// <summary>The traceparent example of the W3C Trace Context specification.</summary>
    public const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    /// <summary>A minimal valid event with <paramref name="members"/> appended (each a JSON member, comma-led).</summary>
    public static string Minimal(string members = "") =>
        $$"""{"specversion":"1.0","id":"1","source":"/storytelling/tests","type":"com.example.test"{{members}}}""";
}
