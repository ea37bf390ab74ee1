using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Storytelling.Hosting;
using Storytelling.Stories;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>
/// The storyline explorer (docs/explorer.md): the page at <c>GET /</c> and its script and stylesheets under
/// <c>/explorer/</c>, embedded in this assembly (the shared storyline stylesheet comes from
/// <see cref="StorylineStylesheet"/>). The page itself needs no API key; its reads of <c>/v1</c> send the key the user
/// enters. Answers carry a content security policy allowing only this origin, so the page loads nothing from elsewhere.
/// </summary>
internal static class ExplorerEndpoints
{
    public const string AssetPrefix = "/explorer";

    private const string ResourcePrefix = "Storytelling.Stage2.Explorer.";

    private const string SecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Asset Page = new(Resource("index.html"), "text/html; charset=utf-8");

    private static readonly Dictionary<string, Asset> Assets = new(StringComparer.Ordinal)
    {
        ["explorer.js"] = new(Resource("explorer.js"), "text/javascript; charset=utf-8"),
        ["explorer.css"] = new(Resource("explorer.css"), "text/css; charset=utf-8"),
        ["storylines.css"] = new(Encoding.UTF8.GetBytes(StorylineStylesheet.Text), "text/css; charset=utf-8"),
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext context) => Serve(context, Page)).ExcludeFromDescription();
        app.MapGet(AssetPrefix + "/{name}", Results<FileContentHttpResult, ProblemHttpResult> (string name, HttpContext context) =>
            Assets.TryGetValue(name, out var asset)
                ? Serve(context, asset)
                : ApiProblems.NotFound("Not found",
                    $"the explorer has no file '{name}' under {AssetPrefix}/: it serves {string.Join(", ", Assets.Keys.Order(StringComparer.Ordinal))}; open / for the page"))
            .ExcludeFromDescription();
    }

    private static FileContentHttpResult Serve(HttpContext context, Asset asset)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = SecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        return TypedResults.File(asset.Content, asset.ContentType);
    }

    private static byte[] Resource(string fileName)
    {
        var name = ResourcePrefix + fileName;
        using var stream = typeof(ExplorerEndpoints).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from {typeof(ExplorerEndpoints).Assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed record Asset(byte[] Content, string ContentType);
}
