using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Storytelling.Hosting;

namespace Storytelling.Stage1.Api.Internal;

/// <summary>
/// What the generated OpenAPI document cannot see in the handlers: the title and the API key scheme (when a key is set; <see cref="ApiDescription"/>),
/// the JSONL media types of <c>POST /v1/jobs</c> (the handler streams its body itself) and the query parameters' ranges.
/// </summary>
internal static class ApiDocument
{
    public const string SubmitOperation = "SubmitJob";

    public static void Configure(OpenApiOptions openApi, Stage1ApiOptions options)
    {
        ApiDescription.Describe(openApi, new OpenApiInfo
        {
            Title = "Storytelling Stage 1 API",
            Version = Stage1Api.DocumentName,
            Description = "Submit JSONL batches of articles as cleaning jobs, follow them and read their cleaned documents. " +
                "Errors are RFC 7807 problem details (application/problem+json).",
        }, options.ApiKey);

        openApi.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
            if (name == SubmitOperation)
            {
                DescribeSubmission(operation, await context.GetOrCreateSchemaAsync(typeof(PathSubmission), null, cancellationToken));
            }
        });
    }

    /// <summary>
    /// The request body is described here, not with <c>Accepts</c> metadata: routing would answer other content types
    /// 415 before the handler could say which ones it takes.
    /// </summary>
    private static void DescribeSubmission(OpenApiOperation operation, IOpenApiSchema pathSubmission)
    {
        operation.Description =
            "With a JSONL body (application/x-ndjson, application/jsonl or text/plain), the body is the batch: one article per line, " +
            "streamed, up to stage1.max_request_bytes; batch_id and concurrency come from the query string. With an application/json " +
            "body, the body names a JSONL file under stage1.submit_path_root (relative paths start there); batch_id and concurrency " +
            "may be in the body or the query string. Answers 202 with Location /v1/jobs/{id} once every record is queued or rejected.";
        var content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["application/json"] = new() { Schema = pathSubmission },
        };
        foreach (var mediaType in JobEndpoints.JsonlMediaTypes)
        {
            content[mediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "JSONL: one article object per line (docs/input-format.md)." },
            };
        }

        operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            switch (parameter.Name)
            {
                case "batch_id":
                    parameter.Description = "The batch the input belongs to; required unless the JSON body has batch_id.";
                    break;
                case "concurrency":
                    parameter.Description = "How many of this job's documents one worker process cleans at once.";
                    parameter.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer,
                        Minimum = "1",
                        Maximum = "256",
                        Default = JsonValue.Create(JobEndpoints.DefaultConcurrency),
                    };
                    break;
            }
        }
    }
}
