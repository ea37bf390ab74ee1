using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>
/// Lets a request through only when header <c>X-API-Key</c> equals <c>service.api_key</c>, exactly as the Stage 1 API
/// does: SHA-256 digests compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, so the comparison's time
/// says nothing about the key.
/// </summary>
internal sealed class ApiKeyFilter(string apiKey, ILogger logger) : IEndpointFilter
{
    public const string HeaderName = "X-API-Key";

    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        var given = request.Headers[HeaderName];
        if (given.Count == 1 && given[0] is { } key && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), _expected))
        {
            return next(context);
        }

        ApiLog.ApiKeyRejected(logger, request.Method, request.Path, context.HttpContext.Connection.RemoteIpAddress, given.Count > 0);
        var detail = given.Count switch
        {
            0 => $"header {HeaderName} is missing: send the key the service was configured with (service.api_key)",
            1 => $"header {HeaderName} does not match the key the service was configured with (service.api_key)",
            _ => $"header {HeaderName} was sent {given.Count} times: send it once",
        };
        return ValueTask.FromResult<object?>(TypedResults.Problem(title: "Unauthorized", statusCode: StatusCodes.Status401Unauthorized, detail: detail));
    }
}
