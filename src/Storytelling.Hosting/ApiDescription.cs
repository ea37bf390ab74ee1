using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Storytelling.Hosting;

/// <summary>
/// The part of an API's OpenAPI document every service writes the same way: its title and description, and, when an
/// API key is set, the <c>X-API-Key</c> header scheme required on every operation under <see cref="KeyedPrefix"/>.
/// </summary>
public static class ApiDescription
{
    /// <summary>The paths the API key guards.</summary>
    public const string KeyedPrefix = "/v1/";

    private const string KeyScheme = "api_key";

    public static void Describe(OpenApiOptions openApi, OpenApiInfo info, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(openApi);
        ArgumentNullException.ThrowIfNull(info);
        openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = info;
            if (!string.IsNullOrEmpty(apiKey))
            {
                RequireKey(document);
            }

            return Task.CompletedTask;
        });
    }

    private static void RequireKey(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[KeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyFilter.HeaderName,
            Description = "The key in service.api_key; required on every /v1 endpoint.",
        };
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith(KeyedPrefix, StringComparison.Ordinal) || item.Operations is null)
            {
                continue;
            }

            foreach (var operation in item.Operations.Values)
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyScheme, document)] = [] }];
            }
        }
    }
}
