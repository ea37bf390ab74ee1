using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Storytelling.Hosting;

namespace Storytelling.Metadata.Api.Internal;

/// <summary>The registry API's OpenAPI title and key scheme, and what its query parameters take.</summary>
internal static class RegistryApiDocument
{
    public static void Configure(OpenApiOptions openApi, string? apiKey)
    {
        ApiDescription.Describe(openApi, new OpenApiInfo
        {
            Title = "Storytelling metadata registry API",
            Version = RegistryApi.DocumentName,
            Description = "Read the shared metadata registry: jobs per stage, documents, events, lineage and OpenLineage run events. " +
                "Errors are RFC 7807 problem details (application/problem+json).",
        }, apiKey);
        openApi.AddOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                parameter.Description = parameter.Name switch
                {
                    "stage" => "Only jobs of this stage: stage1 or stage2.",
                    "status" => "Only jobs with this status: running, completed or failed.",
                    "since" => "Only jobs created at or after this: a date (2026-11-23) or an ISO 8601 date and time.",
                    "until" => "Only jobs created before this: a date (through the whole day) or an ISO 8601 date and time.",
                    "from" => "Only events dated at or after this: a date or an ISO 8601 date and time.",
                    "to" => "Only events dated before this: a date (through the whole day) or an ISO 8601 date and time.",
                    "document" => "Only events of this document id.",
                    "type" => "Only events of this type.",
                    "storyline" => "Only events of this storyline id.",
                    "limit" => $"At most this many rows: 1-{MetadataReader.MaxLimit} (default {RegistryQueryParser.DefaultLimit}).",
                    "id" => "A job id (job-...), document id or storyline id, as the path says.",
                    _ => parameter.Description,
                };
            }

            return Task.CompletedTask;
        });
    }
}
