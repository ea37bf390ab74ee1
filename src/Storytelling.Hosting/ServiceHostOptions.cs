using Microsoft.AspNetCore.Http;

namespace Storytelling.Hosting;

/// <summary>What <see cref="ServiceHost.CreateBuilder"/> needs to know about a service's HTTP host.</summary>
public sealed class ServiceHostOptions
{
    /// <summary>The host's application name (the assembly that owns the endpoints).</summary>
    public required string ApplicationName { get; init; }

    /// <summary>Where Kestrel listens, <c>;</c>-separated (<c>http://127.0.0.1:8001</c>); port 0 picks a free port (see <c>WebApplication.Urls</c> after start).</summary>
    public required string Urls { get; init; }

    /// <summary>Kestrel's largest request body; a larger one is refused with 413 (<see cref="TooLargeDetail"/> says why).</summary>
    public long? MaxRequestBodyBytes { get; init; }

    /// <summary>The detail of the 413 answer when Kestrel refuses a body over <see cref="MaxRequestBodyBytes"/>: which limit, which setting.</summary>
    public Func<HttpRequest, string> TooLargeDetail { get; init; } = request => $"the request body is larger than {request.Path} takes";

    /// <summary>Where a client finds the endpoints; the detail of a 404 or 405 from routing points there.</summary>
    public string EndpointList { get; init; } = "/openapi/v1.json";

    /// <summary>The meters whose instruments <c>/metrics</c> exports (name prefixes).</summary>
    public IReadOnlyList<string> MeterPrefixes { get; init; } = [ServiceHost.MeterPrefix];
}
