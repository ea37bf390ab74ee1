namespace Storytelling.Metadata;

/// <summary>A reader opened without creating the registry (<see cref="MetadataReader.Open"/>) found no registry database.</summary>
public sealed class MetadataRegistryNotFoundException : Exception
{
    public MetadataRegistryNotFoundException()
    {
    }

    public MetadataRegistryNotFoundException(string message)
        : base(message)
    {
    }

    public MetadataRegistryNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
