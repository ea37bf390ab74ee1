namespace Storytelling.Stories.Evaluation;

/// <summary>
/// The character ranges of a document's selected sentences (the ones whose ECB+ annotation is complete). gold.jsonl
/// gives sentence numbers, not sentence offsets, so a selected sentence's range is rebuilt from its gold mentions
/// (events and entities): from its first mention back to the nearest sentence start (after . ! ? or a closing quote
/// followed by white space, or after a line break) and from its last mention on to the nearest sentence end, never
/// crossing a mention of another sentence. Text of a selected sentence outside its first and last mentions' reach
/// may therefore be cut at an abbreviation ("Gen. Smith"); a selected sentence without any gold mention has no range.
/// </summary>
public sealed class SentenceScope
{
    private readonly List<(int Start, int End)> ranges;

    private SentenceScope(List<(int Start, int End)> ranges) => this.ranges = ranges;

    public IReadOnlyList<(int Start, int End)> Ranges => ranges;

    public bool Contains(int start, int end)
    {
        foreach (var (s, e) in ranges)
        {
            if (start >= s && end <= e)
            {
                return true;
            }
        }

        return false;
    }

    public static SentenceScope For(GoldDocument gold, string text)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(text);
        var spans = gold.Events.Concat(gold.Entities)
            .Where(m => m.Sentence >= 0)
            .GroupBy(m => m.Sentence)
            .ToDictionary(g => g.Key, g => (Start: g.Min(m => m.Start), End: g.Max(m => m.End)));
        var ranges = new List<(int, int)>();
        foreach (int sentence in gold.SelectedSentences.Distinct().Order())
        {
            if (!spans.TryGetValue(sentence, out var span))
            {
                continue;
            }

            int floor = spans.Where(p => p.Key < sentence).Select(p => p.Value.End).DefaultIfEmpty(0).Max();
            int ceiling = spans.Where(p => p.Key > sentence).Select(p => p.Value.Start).DefaultIfEmpty(text.Length).Min();
            int start = span.Start;
            while (start > floor && !IsSentenceStart(text, start))
            {
                start--;
            }

            int end = Math.Min(span.End, text.Length);
            while (end < ceiling && !IsSentenceEnd(text, end))
            {
                end++;
            }

            ranges.Add((start, end));
        }

        return new SentenceScope(ranges);
    }

    private static bool IsSentenceStart(string text, int position)
    {
        if (position == 0 || text[position - 1] == '\n')
        {
            return true;
        }

        return char.IsWhiteSpace(text[position - 1]) && position >= 2 && IsFinal(text[position - 2]) && !char.IsWhiteSpace(text[position]);
    }

    /// <summary>True when the character before <paramref name="position"/> ends a sentence (a final mark followed by white space or the end).</summary>
    private static bool IsSentenceEnd(string text, int position)
    {
        if (position >= text.Length || text[position] == '\n')
        {
            return true;
        }

        return position > 0 && IsFinal(text[position - 1]) && char.IsWhiteSpace(text[position]);
    }

    private static bool IsFinal(char c) => c is '.' or '!' or '?' or '"' or '\'' or '”' or '’';
}
