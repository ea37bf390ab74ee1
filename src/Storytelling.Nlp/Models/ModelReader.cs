using System.Security.Cryptography;
using System.Text.Json;

namespace Storytelling.Nlp.Models;

/// <summary>
/// Reads and verifies model files. Every failure (missing file, truncation, bad magic or version, wrong component,
/// checksum mismatch, unreadable payload) is a <see cref="ModelLoadException"/> naming the file and the problem.
/// </summary>
public static class ModelReader
{
    /// <summary>Reads the file, verifies it, then lets <paramref name="readPayload"/> decode the payload.</summary>
    public static T Load<T>(string path, string expectedComponent, Func<ModelFile, BinaryReader, T> readPayload)
    {
        ArgumentNullException.ThrowIfNull(readPayload);
        var file = Read(path, expectedComponent);
        try
        {
            using var stream = new MemoryStream(file.Payload.ToArray(), writable: false);
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8);
            var model = readPayload(file, reader);
            if (stream.Position != stream.Length)
            {
                throw new ModelLoadException(path, $"{stream.Length - stream.Position} unread bytes after the {expectedComponent} payload.");
            }

            return model;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException or ArgumentException or OverflowException)
        {
            throw new ModelLoadException(path, $"the {expectedComponent} payload cannot be read: {e.Message}", e);
        }
    }

    public static ModelFile Read(string path, string expectedComponent)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(expectedComponent);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelLoadException(path, "the file does not exist (train it with 'storytelling nlp train' or restore models/ from the repository).", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(path, $"the file cannot be read: {e.Message}", e);
        }

        int minimum = ModelFormat.Magic.Length + 4 + ModelFormat.ChecksumLength;
        if (bytes.Length < minimum || !bytes.AsSpan(0, ModelFormat.Magic.Length).SequenceEqual(ModelFormat.Magic))
        {
            throw new ModelLoadException(path, bytes.Length < minimum
                ? $"the file is truncated ({bytes.Length} bytes) or not a model file."
                : "not a Storytelling NLP model file (bad magic bytes).");
        }

        int contentLength = bytes.Length - ModelFormat.ChecksumLength;
        try
        {
            using var stream = new MemoryStream(bytes, 0, contentLength, writable: false);
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8);
            stream.Position = ModelFormat.Magic.Length;
            int version = reader.ReadInt32();
            if (version != ModelFormat.Version)
            {
                throw new ModelLoadException(path, $"format version {version} is not supported (this build reads version {ModelFormat.Version}).");
            }

            string component = reader.ReadString();
            string metadataJson = reader.ReadString();
            long payloadLength = reader.ReadInt64();
            long payloadStart = stream.Position;
            if (payloadLength < 0 || payloadStart + payloadLength != contentLength)
            {
                throw new ModelLoadException(path, $"the file is truncated or has extra bytes: the payload should be {payloadLength} bytes, {contentLength - payloadStart} are present.");
            }

            byte[] checksum = SHA256.HashData(bytes.AsSpan(0, contentLength));
            if (!checksum.AsSpan().SequenceEqual(bytes.AsSpan(contentLength)))
            {
                throw new ModelLoadException(path, "checksum mismatch: the file is corrupt.");
            }

            if (component != expectedComponent)
            {
                throw new ModelLoadException(path, $"holds a '{component}' model, not a '{expectedComponent}' model.");
            }

            var metadata = JsonSerializer.Deserialize(metadataJson, Internal.NlpJsonContext.Default.DictionaryStringString) ?? [];
            return new ModelFile(path, component, metadata, bytes.AsMemory((int)payloadStart, (int)payloadLength));
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or IOException)
        {
            throw new ModelLoadException(path, $"the file is truncated or corrupt ({e.Message}).", e);
        }
    }
}
