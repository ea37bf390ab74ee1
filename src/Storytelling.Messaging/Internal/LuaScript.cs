using System.Security.Cryptography;
using System.Text;
using Storytelling.Redis;

namespace Storytelling.Messaging.Internal;

/// <summary>A Lua script run by EVALSHA, falling back to EVAL once when the server does not know it yet.</summary>
internal sealed class LuaScript(string source)
{
#pragma warning disable CA5350 // Redis names scripts by SHA1 (EVALSHA); it is an identifier here, not security.
    private readonly string _sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(source)));
#pragma warning restore CA5350

    public async ValueTask<RedisValue> RunAsync(
        RedisCommands redis, IReadOnlyList<string> keys, IReadOnlyList<RedisArgument> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await redis.EvalShaAsync(_sha1, keys, arguments, cancellationToken);
        }
        catch (RedisServerException e) when (e.IsNoScript)
        {
            return await redis.EvalAsync(source, keys, arguments, cancellationToken);
        }
    }

    /// <summary>
    /// Always sends the source (EVAL; the server still caches the compiled script): pipelined calls keep their order
    /// even when the server does not know the script yet, which the EVALSHA fallback of <see cref="RunAsync"/> cannot
    /// promise (the calls that failed with NOSCRIPT are re-sent after later ones).
    /// </summary>
    public ValueTask<RedisValue> RunInOrderAsync(
        RedisCommands redis, IReadOnlyList<string> keys, IReadOnlyList<RedisArgument> arguments, CancellationToken cancellationToken) =>
        redis.EvalAsync(source, keys, arguments, cancellationToken);
}
