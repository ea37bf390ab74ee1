using System.Text.Json;

namespace Storytelling.Stories.Evaluation;

/// <summary>Reads gold.jsonl; a bad line fails with the file, the line number and what is wrong.</summary>
public static class GoldReader
{
    public static async Task<IReadOnlyList<GoldDocument>> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var documents = new List<GoldDocument>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int lineNumber = 0;
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            GoldDocument document;
            try
            {
                document = Parse(line);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"{path}:{lineNumber}: not a gold document: {e.Message}", e);
            }

            if (!ids.Add(document.Id))
            {
                throw new FormatException($"{path}:{lineNumber}: document '{document.Id}' appears twice.");
            }

            documents.Add(document);
        }

        return documents;
    }

    public static GoldDocument Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        string id = root.GetProperty("id").GetString() ?? throw new FormatException("'id' is null");
        return new GoldDocument(
            id,
            root.TryGetProperty("topic", out var topic) && topic.ValueKind == JsonValueKind.Number ? topic.GetInt32() : 0,
            root.GetProperty("subtopic").GetString() ?? throw new FormatException($"document '{id}': 'subtopic' is null"),
            root.TryGetProperty("selected_sentences", out var selected) && selected.ValueKind == JsonValueKind.Array
                ? [.. selected.EnumerateArray().Select(s => s.GetInt32())]
                : [],
            Mentions(root, "events", id),
            Mentions(root, "entities", id));
    }

    private static List<GoldMention> Mentions(JsonElement root, string name, string documentId)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var mentions = new List<GoldMention>();
        foreach (var m in array.EnumerateArray())
        {
            int start = m.GetProperty("char_start").GetInt32(), end = m.GetProperty("char_end").GetInt32();
            string mentionId = m.TryGetProperty("mention_id", out var mid) ? mid.GetString() ?? "" : $"{documentId}_{mentions.Count}";
            if (end <= start || start < 0)
            {
                throw new FormatException($"document '{documentId}': {name} mention '{mentionId}' has offsets [{start},{end})");
            }

            mentions.Add(new GoldMention(
                mentionId,
                m.TryGetProperty("sentence_index", out var s) ? s.GetInt32() : -1,
                m.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "",
                start,
                end,
                m.TryGetProperty("type", out var type) ? type.GetString() : null,
                m.TryGetProperty("chain", out var chain) && chain.ValueKind == JsonValueKind.String ? chain.GetString() : null));
        }

        return mentions;
    }
}
