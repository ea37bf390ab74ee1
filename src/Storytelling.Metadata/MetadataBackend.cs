namespace Storytelling.Metadata;

/// <summary>Where the registry keeps its rows (<c>metadata_registry.primary_backend</c>, <c>METADATA_PRIMARY_BACKEND</c>).</summary>
public enum MetadataBackend
{
    Postgresql,
    Redis,
}
