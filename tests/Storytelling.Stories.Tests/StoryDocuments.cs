using Storytelling.Nlp.Events;
using Storytelling.Nlp.Time;

namespace Storytelling.Stories.Tests;

/// <summary>Hand-made story documents: entities and event triggers are given as words found in the text.</summary>
internal static class StoryDocuments
{
    /// <summary>
    /// A document whose entities are "text:TYPE" (first occurrence) and whose events are "trigger:lemma" (first
    /// occurrence at or after the previous trigger), each event with the document's places as its places and, when
    /// <paramref name="when"/> is given, that day as its time.
    /// </summary>
    public static StoryDocument Make(
        string id, string title, string text, string? published, string[] entities, string[] events, string[]? places = null, string? when = null)
    {
        var storyEntities = entities.Select(e =>
        {
            var (surface, type) = Split(e);
            int start = Find(text, surface, 0, id);
            return new StoryEntity(surface, type, start, start + surface.Length);
        }).ToList();

        var placeArguments = (places ?? []).Select(p =>
        {
            int start = Find(text, p, 0, id);
            return new EventArgument(start, start + p.Length, p, "LOC", -1, 1f);
        }).ToList();

        var mentions = new List<StoryEvent>();
        int from = 0;
        foreach (var e in events)
        {
            var (trigger, lemma) = Split(e);
            int start = Find(text, trigger, from, id);
            from = start + 1;
            EventTime? time = null;
            if (when is not null)
            {
                var day = DateTimeOffset.Parse(when, System.Globalization.CultureInfo.InvariantCulture);
                time = new EventTime(-1, -1, null, when, new TimeInterval(day, day.AddDays(1)), -1, false, 1f);
            }

            var mention = new EventMention(0, 0, start, start + trigger.Length, trigger, lemma, false, EventType.Other, EventModality.Asserted, 1f)
            {
                Places = placeArguments,
                When = time,
            };
            mentions.Add(StoryEvent.For(id, mention));
        }

        DateTimeOffset? publishedAt = published is null ? null : DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture);
        return new StoryDocument(id, title, title + "\n\n" + text, publishedAt, storyEntities.Select(s => s with
        {
            Start = s.Start + title.Length + 2,
            End = s.End + title.Length + 2,
        }).ToList(), mentions.Select(m => Shift(m, title.Length + 2)).ToList());
    }

    private static StoryEvent Shift(StoryEvent storyEvent, int by)
    {
        var m = storyEvent.Mention;
        var shifted = m with { TriggerStart = m.TriggerStart + by, TriggerEnd = m.TriggerEnd + by };
        return StoryEvent.For(storyEvent.DocumentId, shifted);
    }

    private static (string, string) Split(string value)
    {
        int colon = value.LastIndexOf(':');
        return (value[..colon], value[(colon + 1)..]);
    }

    private static int Find(string text, string word, int from, string id)
    {
        int index = text.IndexOf(word, from, StringComparison.Ordinal);
        return index >= 0 ? index : throw new ArgumentException($"'{word}' is not in the text of test document '{id}' after offset {from}.");
    }
}
