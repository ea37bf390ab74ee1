namespace Storytelling.Metadata.Api;

/// <summary>
/// How the registry's read API listens: <see cref="Urls"/> (the host sets it from <c>metadata_registry.api_port</c>) and
/// <see cref="ApiKey"/> (from <c>service.api_key</c>, as the other APIs).
/// </summary>
public sealed class RegistryApiOptions
{
    /// <summary>Where Kestrel listens, <c>;</c>-separated (<c>http://127.0.0.1:8003</c>); port 0 picks a free port (see <c>WebApplication.Urls</c> after start).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8003";

    /// <summary>When non-empty, every <c>/v1</c> request must carry it in header <c>X-API-Key</c>; health, metrics and OpenAPI stay open.</summary>
    public string? ApiKey { get; set; }
}
