using Storytelling.Nlp.Time;

namespace Storytelling.Nlp.Events.Llm.Internal;

/// <summary>
/// Turns the LLM's events into event mentions of one document, keeping only what the text supports. A span is grounded
/// when its offsets cover exactly its text and start and end on token boundaries; otherwise, when its text occurs exactly
/// once on token boundaries in the search range (the trigger's sentence; for a trigger, the sentence its claimed start
/// falls in, or the whole text when that start is outside it), it is re-anchored there; otherwise it is dropped. An event
/// whose trigger is dropped is dropped; a dropped argument leaves that argument empty. Not thread-safe: one per document.
/// </summary>
internal sealed class EventGrounder(Document document, LlmExtractorStatistics statistics)
{
    /// <summary>Confidence of the document-date fallback for when: the text gave no usable time for the event.</summary>
    internal const float DocumentDateConfidence = 0.3f;

    private readonly string text = document.Text;

    public List<EventMention> Ground(IReadOnlyList<LlmEvent> events, CancellationToken cancellationToken)
    {
        var mentions = new List<EventMention>(events.Count);
        var triggers = new HashSet<(int Start, int End)>();
        foreach (var answer in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (from, to) = TriggerSearchRange(answer.Trigger.Start);
            if (!TryGround(answer.Trigger, from, to, out var start, out var end))
            {
                statistics.RecordUngroundedEvent();
                continue;
            }

            if (!triggers.Add((start, end)))
            {
                statistics.RecordDuplicateEvent();
                continue;
            }

            mentions.Add(Mention(answer, start, end));
        }

        mentions.Sort((a, b) => a.TriggerStart != b.TriggerStart ? a.TriggerStart.CompareTo(b.TriggerStart) : a.TriggerEnd.CompareTo(b.TriggerEnd));
        return mentions;
    }

    private EventMention Mention(LlmEvent answer, int start, int end)
    {
        int head = HeadOf(start, end);
        int sentence = document.SentenceOf(head);
        var tokens = document.Tokens;
        var range = document.Sentences[sentence];
        int from = tokens[range.Start].Start;
        int to = tokens[range.End - 1].End;
        string lemma = document.Lemmas[head];
        string upos = document.Upos[head];
        var modality = (answer.Negated ? EventModality.Negated : EventModality.Asserted)
            | (answer.Hypothetical ? EventModality.Hypothetical : EventModality.Asserted);
        float confidence = answer.Confidence;
        return new EventMention(
            sentence,
            head,
            start,
            end,
            text[start..end],
            lemma.Length > 0 ? lemma : document.TokenString(head).ToLowerInvariant(),
            upos is "NOUN" or "PROPN",
            answer.Type,
            modality,
            confidence)
        {
            Agent = Argument(answer.Agent, from, to, confidence),
            Patient = Argument(answer.Patient, from, to, confidence),
            Theme = Argument(answer.Theme, from, to, confidence),
            Places = [.. answer.Places.Select(place => Argument(place, from, to, confidence)).OfType<EventArgument>()],
            When = When(answer.Time, from, to, confidence),
        };
    }

    private EventArgument? Argument(LlmSpan? span, int from, int to, float confidence)
    {
        if (span is null)
        {
            return null;
        }

        if (!TryGround(span, from, to, out var start, out var end))
        {
            statistics.RecordUngroundedField();
            return null;
        }

        int head = HeadOf(start, end);
        var (type, index) = EntityOf(start, end, head);
        return new EventArgument(start, end, text[start..end], type, index, confidence) { HeadToken = head };
    }

    /// <summary>The document entity with exactly these offsets, else the one holding the span's head token.</summary>
    private (string? Type, int Index) EntityOf(int start, int end, int head)
    {
        var entities = document.Entities;
        int holding = -1;
        for (int i = 0; i < entities.Count; i++)
        {
            var entity = entities[i];
            if (entity.Start == start && entity.End == end)
            {
                return (entity.Type, i);
            }

            if (holding < 0 && head >= entity.StartToken && head < entity.EndToken)
            {
                holding = i;
            }
        }

        return holding < 0 ? (null, -1) : (entities[holding].Type, holding);
    }

    /// <summary>The document's time expression overlapping the grounded time span, else the document date flagged as a fallback.</summary>
    private EventTime When(LlmSpan? span, int from, int to, float confidence)
    {
        if (span is not null)
        {
            if (TryGround(span, from, to, out var start, out var end))
            {
                var expressions = document.TimeExpressions;
                for (int i = 0; i < expressions.Count; i++)
                {
                    var expression = expressions[i];
                    if (expression.Start < end && expression.End > start)
                    {
                        return new EventTime(expression.Start, expression.End, expression.Text, expression.Value, expression.Interval, i, false, confidence);
                    }
                }
            }
            else
            {
                statistics.RecordUngroundedField();
            }
        }

        return DocumentDate(document.PublishedAt);
    }

    /// <summary>The publication day (in the publication's own UTC offset) as the fallback when; value and interval null without a date.</summary>
    internal static EventTime DocumentDate(DateTimeOffset? publishedAt)
    {
        if (publishedAt is not { } published)
        {
            return new EventTime(-1, -1, null, null, null, -1, true, 0f);
        }

        var day = new DateTimeOffset(published.Year, published.Month, published.Day, 0, 0, 0, published.Offset);
        return new EventTime(
            -1, -1, null, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), new TimeInterval(day, day.AddDays(1)), -1, true, DocumentDateConfidence);
    }

    /// <summary>The sentence holding the claimed trigger start, or the whole text when that start is outside it.</summary>
    private (int From, int To) TriggerSearchRange(int claimedStart)
    {
        var tokens = document.Tokens;
        if (claimedStart < 0 || claimedStart >= text.Length || tokens.Length == 0)
        {
            return (0, text.Length);
        }

        int token = Math.Max(0, FirstTokenStartingAtOrAfter(claimedStart + 1) - 1);
        var sentence = document.Sentences[document.SentenceOf(token)];
        return (tokens[sentence.Start].Start, tokens[sentence.End - 1].End);
    }

    private bool TryGround(LlmSpan span, int from, int to, out int start, out int end)
    {
        start = span.Start;
        end = span.End;
        var wanted = span.Text;
        if (wanted.Length == 0)
        {
            return false;
        }

        if (start >= 0 && end <= text.Length && end - start == wanted.Length
            && text.AsSpan(start, wanted.Length).SequenceEqual(wanted) && OnTokenBoundaries(start, end))
        {
            return true;
        }

        int found = -1;
        for (int at = text.IndexOf(wanted, from, to - from, StringComparison.Ordinal);
             at >= 0 && at + wanted.Length <= to;
             at = at + 1 < to ? text.IndexOf(wanted, at + 1, to - at - 1, StringComparison.Ordinal) : -1)
        {
            if (!OnTokenBoundaries(at, at + wanted.Length))
            {
                continue;
            }

            if (found >= 0)
            {
                return false;
            }

            found = at;
        }

        if (found < 0)
        {
            return false;
        }

        start = found;
        end = found + wanted.Length;
        statistics.RecordReanchoredField();
        return true;
    }

    private bool OnTokenBoundaries(int start, int end)
    {
        var tokens = document.Tokens;
        int first = FirstTokenStartingAtOrAfter(start);
        if (first >= tokens.Length || tokens[first].Start != start)
        {
            return false;
        }

        int last = FirstTokenStartingAtOrAfter(end) - 1;
        return last >= first && tokens[last].End == end;
    }

    /// <summary>The syntactic head of the tokens covering [start, end): the first whose head lies outside them (or is the root).</summary>
    private int HeadOf(int start, int end)
    {
        int first = FirstTokenStartingAtOrAfter(start);
        int stop = FirstTokenStartingAtOrAfter(end);
        var heads = document.Heads;
        for (int t = first; t < stop; t++)
        {
            int sentenceStart = document.Sentences[document.SentenceOf(t)].Start;
            int head = heads[t] == 0 ? -1 : sentenceStart + heads[t] - 1;
            if (head < first || head >= stop)
            {
                return t;
            }
        }

        return first;
    }

    private int FirstTokenStartingAtOrAfter(int offset)
    {
        var tokens = document.Tokens;
        int lo = 0, hi = tokens.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (tokens[mid].Start < offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
