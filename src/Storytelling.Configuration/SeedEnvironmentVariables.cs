namespace Storytelling.Configuration;

/// <summary>
/// The environment variable names of the seed design and the settings each one sets. One name may set several keys
/// (the Stage 1 stream name is the producer's and the consumer's). <c>STORYTELLING__SECTION__KEY</c> overrides these.
/// </summary>
public static class SeedEnvironmentVariables
{
    public static IReadOnlyDictionary<string, string[]> Map { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["EVENT_CONSUMER_ENABLED"] = ["event_consumer.enabled"],
        ["STAGE1_EVENT_STREAM"] = ["event_consumer.source_stream", "stage1.event_stream"],
        ["AUTO_PROCESS"] = ["event_consumer.auto_process"],
        ["BATCH_MODE"] = ["event_consumer.batch_mode"],
        ["CONSUMER_GROUP"] = ["event_consumer.consumer_group"],
        ["CONSUMER_NAME"] = ["event_consumer.consumer_name"],
        ["DEAD_LETTER_STREAM"] = ["event_consumer.dead_letter_stream"],
        ["STAGE2_EVENT_STREAM"] = ["stage2.event_stream"],
        ["STAGE1_POSTGRES_PASSWORD"] = ["stage1.postgres_password"],
        ["STAGE1_OUTPUT_DIR"] = ["stage1.output_dir", "stage2.input_dir"],
        ["STAGE2_OUTPUT_DIR"] = ["stage2.output_dir"],
        ["METADATA_REGISTRY_ENABLED"] = ["metadata_registry.enabled"],
        ["METADATA_PRIMARY_BACKEND"] = ["metadata_registry.primary_backend"],
        ["METADATA_ENABLE_REDIS_CACHE"] = ["metadata_registry.enable_redis_cache"],
        ["METADATA_WRITE_ONLY"] = ["metadata_registry.write_only"],
        ["METADATA_PERCENTAGE_ROLLOUT"] = ["metadata_registry.percentage_rollout"],
        ["METADATA_SERVICE_PASSWORD"] = ["metadata_registry.postgres_password"],
        ["POSTGRES_HOST"] = ["postgres.host", "metadata_registry.postgres_host"],
        ["POSTGRES_PORT"] = ["postgres.port", "metadata_registry.postgres_port"],
        ["POSTGRES_DB"] = ["metadata_registry.postgres_database"],
        ["POSTGRES_USER"] = ["metadata_registry.postgres_user"],
        ["POSTGRES_PASSWORD"] = ["postgres.password"],
        ["REDIS_HOST"] = ["redis.host"],
        ["REDIS_PORT"] = ["redis.port"],
        ["REDIS_PASSWORD"] = ["redis.password"],
        ["REDIS_DB"] = ["metadata_registry.redis_db"],
        ["REDIS_TTL"] = ["metadata_registry.cache_ttl_seconds"],
        ["LLM_ENDPOINT"] = ["events.llm_endpoint"],
        ["API_KEY"] = ["service.api_key"],
    };
}
