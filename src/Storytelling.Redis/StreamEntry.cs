using System.Text;

namespace Storytelling.Redis;

/// <summary>
/// One stream entry: its id and its field/value pairs in stored order. Field names are text, values are the
/// exact bytes. An entry read from the pending history after it was deleted has no fields.
/// </summary>
public sealed record StreamEntry(StreamId Id, IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> Fields)
{
    /// <summary>The entry was deleted from the stream but is still pending in the group.</summary>
    public bool IsDeleted => Fields.Count == 0;

    public bool TryGetValue(string field, out ReadOnlyMemory<byte> value)
    {
        foreach (var pair in Fields)
        {
            if (pair.Key == field)
            {
                value = pair.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The value of <paramref name="field"/> decoded as UTF-8, or null when the entry has no such field.</summary>
    public string? GetString(string field) => TryGetValue(field, out var value) ? Encoding.UTF8.GetString(value.Span) : null;
}
