namespace Storytelling.Testing;

/// <summary>Names no other test uses, so tests can share one server and run in parallel.</summary>
public static class UniqueNames
{
    /// <summary>A Redis key prefix such as <c>test:3f2a...:</c>; put every key and stream of a test under it.</summary>
    public static string RedisKeyPrefix() => $"test:{Guid.NewGuid():N}:";

    /// <summary>A PostgreSQL identifier (schema or database) such as <c>test_3f2a...</c>.</summary>
    public static string Identifier(string prefix = "test") => $"{prefix}_{Guid.NewGuid():N}";
}
