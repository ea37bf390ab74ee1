namespace Storytelling.Nlp.Events.Llm;

/// <summary>
/// What the LLM event extractor did, counted since it was created: documents sent, answers used, fallbacks to the
/// built-in extractor by reason, and what grounding kept, re-anchored and dropped. Safe to read while documents are
/// being processed on other threads; each counter is exact, a set of counters read one after another is not a snapshot.
/// </summary>
public sealed class LlmExtractorStatistics
{
    private readonly long[] fallbacks = new long[Enum.GetValues<LlmFallbackReason>().Length];
    private long calls;
    private long answered;
    private long eventsKept;
    private long ungroundedEvents;
    private long duplicateEvents;
    private long ungroundedFields;
    private long reanchoredFields;
    private string? lastFallback;

    /// <summary>Documents sent to the endpoint.</summary>
    public long Calls => Interlocked.Read(ref calls);

    /// <summary>Documents whose events came from the LLM's answer (after grounding).</summary>
    public long Answered => Interlocked.Read(ref answered);

    /// <summary>Documents handed to the built-in extractor, whatever the reason.</summary>
    public long Fallbacks
    {
        get
        {
            long total = 0;
            for (int i = 0; i < fallbacks.Length; i++)
            {
                total += Interlocked.Read(ref fallbacks[i]);
            }

            return total;
        }
    }

    /// <summary>Event mentions set on documents from LLM answers.</summary>
    public long EventsKept => Interlocked.Read(ref eventsKept);

    /// <summary>Events dropped because their trigger could not be found in the text.</summary>
    public long UngroundedEvents => Interlocked.Read(ref ungroundedEvents);

    /// <summary>Events dropped because an earlier event of the same answer has the same trigger span.</summary>
    public long DuplicateEvents => Interlocked.Read(ref duplicateEvents);

    /// <summary>Arguments (agent, patient, theme, a place, the time) dropped because their text could not be found.</summary>
    public long UngroundedFields => Interlocked.Read(ref ungroundedFields);

    /// <summary>Triggers and arguments whose offsets were wrong but whose text was found once in the sentence and moved there.</summary>
    public long ReanchoredFields => Interlocked.Read(ref reanchoredFields);

    /// <summary>The most recent fallback: document id, endpoint and what went wrong; null when there was none.</summary>
    public string? LastFallback => Volatile.Read(ref lastFallback);

    public long FallbacksFor(LlmFallbackReason reason) => Interlocked.Read(ref fallbacks[(int)reason]);

    internal void RecordCall() => Interlocked.Increment(ref calls);

    internal void RecordAnswered(int kept)
    {
        Interlocked.Increment(ref answered);
        Interlocked.Add(ref eventsKept, kept);
    }

    internal void RecordFallback(LlmFallbackReason reason, string detail)
    {
        Interlocked.Increment(ref fallbacks[(int)reason]);
        Volatile.Write(ref lastFallback, detail);
    }

    internal void RecordUngroundedEvent() => Interlocked.Increment(ref ungroundedEvents);

    internal void RecordDuplicateEvent() => Interlocked.Increment(ref duplicateEvents);

    internal void RecordUngroundedField() => Interlocked.Increment(ref ungroundedFields);

    internal void RecordReanchoredField() => Interlocked.Increment(ref reanchoredFields);
}
