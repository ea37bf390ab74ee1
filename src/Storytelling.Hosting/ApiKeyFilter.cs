using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Storytelling.Hosting;

/// <summary>
/// Lets a request through only when header <c>X-API-Key</c> equals <c>service.api_key</c>. The comparison runs on
/// SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>, so its time says nothing about the key,
/// not even its length.
/// </summary>
public sealed class ApiKeyFilter(string apiKey, ILogger logger) : IEndpointFilter
{
    public const string HeaderName = "X-API-Key";

    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        var given = request.Headers[HeaderName];
        if (given.Count == 1 && Matches(given[0]))
        {
            return next(context);
        }

        HostingLog.ApiKeyRejected(logger, request.Method, request.Path, context.HttpContext.Connection.RemoteIpAddress, given.Count > 0);
        var detail = given.Count switch
        {
            0 => $"header {HeaderName} is missing: send the key the service was configured with (service.api_key)",
            1 => $"header {HeaderName} does not match the key the service was configured with (service.api_key)",
            _ => $"header {HeaderName} was sent {given.Count} times: send it once",
        };
        return ValueTask.FromResult<object?>(TypedResults.Problem(title: "Unauthorized", statusCode: StatusCodes.Status401Unauthorized, detail: detail));
    }

    private bool Matches(string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _expected);
}
