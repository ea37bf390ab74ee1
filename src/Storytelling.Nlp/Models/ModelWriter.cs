using System.Security.Cryptography;
using System.Text.Json;

namespace Storytelling.Nlp.Models;

/// <summary>Writes a model file (see <see cref="ModelFormat"/>) atomically: to a temporary file, then renamed.</summary>
public static class ModelWriter
{
    public static void Write(string path, string component, IReadOnlyDictionary<string, string> metadata, Action<BinaryWriter> writePayload)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(writePayload);

        using var payload = new MemoryStream();
        using (var payloadWriter = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writePayload(payloadWriter);
        }

        using var content = new MemoryStream();
        using (var writer = new BinaryWriter(content, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(ModelFormat.Magic);
            writer.Write(ModelFormat.Version);
            writer.Write(component);
            writer.Write(JsonSerializer.Serialize(new SortedDictionary<string, string>(metadata.ToDictionary(), StringComparer.Ordinal), Internal.NlpJsonContext.Default.SortedDictionaryStringString));
            writer.Write(payload.Length);
            writer.Write(payload.GetBuffer(), 0, (int)payload.Length);
        }

        byte[] checksum = SHA256.HashData(content.GetBuffer().AsSpan(0, (int)content.Length));
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory != null)
        {
            Directory.CreateDirectory(directory);
        }

        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(content.GetBuffer(), 0, (int)content.Length);
            file.Write(checksum);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
