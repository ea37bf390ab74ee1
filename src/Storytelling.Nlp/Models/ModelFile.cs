namespace Storytelling.Nlp.Models;

/// <summary>A verified model file: its component name, metadata and payload bytes.</summary>
public sealed class ModelFile(string path, string component, IReadOnlyDictionary<string, string> metadata, ReadOnlyMemory<byte> payload)
{
    public string Path { get; } = path;

    public string Component { get; } = component;

    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;

    public ReadOnlyMemory<byte> Payload { get; } = payload;
}
