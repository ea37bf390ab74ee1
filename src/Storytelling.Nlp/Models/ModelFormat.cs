namespace Storytelling.Nlp.Models;

/// <summary>
/// The model file layout: magic <c>STNLPMDL</c>, format version (int32), component name, metadata JSON (both
/// length-prefixed UTF-8), payload length (int64), payload, then the SHA-256 of everything before it.
/// </summary>
public static class ModelFormat
{
    public const int Version = 1;

    public const int ChecksumLength = 32;

    public static ReadOnlySpan<byte> Magic => "STNLPMDL"u8;
}
