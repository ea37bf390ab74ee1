using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Storytelling.Hosting;
using Storytelling.Nlp.Events;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>
/// What the generated OpenAPI document cannot see in the handlers: the title and the API key scheme (when a key is set; <see cref="ApiDescription"/>),
/// the request bodies the handlers read themselves (<c>POST /v1/analyze</c>, <c>POST /v1/batches</c>), the analysis
/// answer's media type, and the ranges and allowed values of the query parameters.
/// </summary>
internal static class ApiDocument
{
    public const string AnalyzeOperation = "Analyze";
    public const string BatchOperation = "SubmitBatch";

    public static void Configure(OpenApiOptions openApi, Stage2ApiOptions options)
    {
        ApiDescription.Describe(openApi, new OpenApiInfo
        {
            Title = "Storytelling Stage 2 NLP API",
            Version = Stage2Api.DocumentName,
            Description = "Follow Stage 2 jobs, read analysed documents, events and storylines, search them, analyse a text, and submit " +
                "articles. Errors are RFC 7807 problem details (application/problem+json).",
        }, options.ApiKey);

        openApi.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
            if (name == AnalyzeOperation)
            {
                var schema = await context.GetOrCreateSchemaAsync(typeof(AnalyzeRequest), null, cancellationToken);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = $"Up to {Stage2ApiOptions.MaxAnalyzeBytesKey} bytes.",
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new() { Schema = schema } },
                };
                operation.Responses ??= [];
                operation.Responses["200"] = new OpenApiResponse
                {
                    Description = "The text's annotations in the documents.jsonl shape (docs/embedded-run.md): sentences, tokens, entities, time expressions, events.",
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
                    },
                };
            }
            else if (name == BatchOperation)
            {
                DescribeBatch(operation);
            }

            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                Describe(parameter);
            }
        });
    }

    private static void DescribeBatch(OpenApiOperation operation)
    {
        operation.Description =
            "The articles become a Stage 1 job (cleaning), then Stage 2 analyses the job's documents; follow it at the Location " +
            "/v1/jobs/{id}. JSONL (application/x-ndjson, application/jsonl or text/plain) is streamed; a JSON array (application/json) " +
            $"is read whole. Either up to {Stage2ApiOptions.MaxBatchBytesKey} bytes. A line that is not an article is a rejection of the job, not an error.";
        var content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "An article in the input format (docs/input-format.md)." },
                },
            },
        };
        foreach (var mediaType in BatchEndpoint.JsonlMediaTypes)
        {
            content[mediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "JSONL: one article object per line (docs/input-format.md)." },
            };
        }

        operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
    }

    private static void Describe(OpenApiParameter parameter)
    {
        switch (parameter.Name)
        {
            case "type":
                parameter.Description = "Only events of this type.";
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. EventTypes.All.Select(t => (JsonNode)JsonValue.Create(t))] };
                break;
            case "from":
                parameter.Description = "Only events whose time begins at or after this: a date (2026-11-23) or an ISO 8601 date and time.";
                break;
            case "to":
                parameter.Description = "Only events whose time begins at or before this: a date (the whole day) or an ISO 8601 date and time.";
                break;
            case "entity":
                parameter.Description = "Only events with an argument (who, whom, what, where) whose text contains this, ignoring case.";
                break;
            case "document":
                parameter.Description = "Only events of this document id.";
                break;
            case "storyline":
                parameter.Description = "Only events of this storyline id.";
                break;
            case "after":
                parameter.Description = "next_cursor of the previous page; leave out for the first page.";
                break;
            case "q":
                parameter.Description = "Words in web search syntax (websearch_to_tsquery, English): \"a phrase\", -excluded, or.";
                break;
            case "limit":
                parameter.Description = "Page size (events and storylines: 1-500; search: 1-100 per list).";
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = "500" };
                break;
            case "batch_id":
                parameter.Description = "The batch the articles belong to (required).";
                break;
            case "concurrency":
                parameter.Description = "How many of this job's documents one cleaning worker process cleans at once.";
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Minimum = "1",
                    Maximum = "256",
                    Default = JsonValue.Create(BatchEndpoint.DefaultConcurrency),
                };
                break;
        }
    }
}
