using System.Globalization;
using System.Text.Json.Nodes;

namespace Storytelling.Metadata;

/// <summary>
/// The registry's run history as OpenLineage run events (spec 2-0-2): job namespace <see cref="Namespace"/>, job name
/// <c>storytelling.&lt;stage&gt;</c>, one run per job and stage (<see cref="RegistryIds.RunUuid"/>), the stage's input and
/// output datasets, and the error message as the <c>errorMessage</c> run facet of a FAIL.
/// </summary>
public static class OpenLineageEvents
{
    public const string Namespace = "storytelling";
    public const string Producer = "urn:storytelling:metadata-registry";
    public const string SchemaUrl = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    private const string ErrorFacetSchema = "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";

    public static JsonObject RunEvent(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var facets = new JsonObject();
        if (run.ErrorMessage is not null)
        {
            facets["errorMessage"] = new JsonObject
            {
                ["_producer"] = Producer,
                ["_schemaURL"] = ErrorFacetSchema,
                ["message"] = run.ErrorMessage,
                ["programmingLanguage"] = "C#",
            };
        }

        var (inputs, outputs) = run.Stage switch
        {
            RegistryStages.Stage1 => (Array.Empty<string>(), new[] { "stage1.documents" }),
            RegistryStages.Stage2 => (new[] { "stage1.documents" }, new[] { "stage2.documents", "stage2.events" }),
            _ => (Array.Empty<string>(), Array.Empty<string>()),
        };
        return new JsonObject
        {
            ["eventType"] = run.EventType,
            ["eventTime"] = run.EventTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["run"] = new JsonObject { ["runId"] = run.RunId.ToString(), ["facets"] = facets },
            ["job"] = new JsonObject { ["namespace"] = Namespace, ["name"] = $"storytelling.{run.Stage}" },
            ["inputs"] = Datasets(inputs),
            ["outputs"] = Datasets(outputs),
            ["producer"] = Producer,
            ["schemaURL"] = SchemaUrl,
        };
    }

    private static JsonArray Datasets(IEnumerable<string> names) =>
        [.. names.Select(name => (JsonNode)new JsonObject { ["namespace"] = Namespace, ["name"] = name })];
}
