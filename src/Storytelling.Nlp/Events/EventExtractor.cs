using Storytelling.Nlp.Events.Internal;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Events;

/// <summary>
/// The built-in event extractor: finds event triggers (content verbs and event nouns), types them with the news
/// taxonomy, and reads their agent, patient, theme, places and time from the dependency parse, the entities and the
/// time expressions; flags negated, hypothetical and reported events. Rules and word lists written for this project
/// (docs/events.md); no model file. Immutable and stateless: any number of threads can call it at once.
/// </summary>
public sealed class EventExtractor : INlpComponent
{
    /// <summary>The name in <c>nlp.pipeline</c>.</summary>
    public const string ComponentName = "event_extractor";

    private const Annotations Required = Annotations.Tokens | Annotations.Sentences | Annotations.Tags | Annotations.Lemmas
        | Annotations.Dependencies | Annotations.Entities | Annotations.TimeExpressions;

    public string Name => ComponentName;

    public Annotations Requires => Required;

    public Annotations Produces => Annotations.Events;

    /// <summary>Sets the document's events.</summary>
    public void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.SetEvents(Extract(document, cancellationToken));
    }

    /// <summary>The event mentions of an annotated document, in trigger order.</summary>
    /// <exception cref="InvalidOperationException">A required layer is missing.</exception>
    public static IReadOnlyList<EventMention> Extract(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var missing = Required & ~document.Annotations;
        if (missing != Annotations.None)
        {
            throw new InvalidOperationException(
                $"Event extraction of document '{document.Id}' needs the layers {missing}, which no earlier component produced.");
        }

        var index = new ParseIndex(document);
        var phrases = new Phrases(index);
        var mentions = new List<EventMention>();
        var sentences = document.Sentences;
        for (int s = 0; s < sentences.Length; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int t = sentences[s].Start; t < sentences[s].End; t++)
            {
                if (TriggerRules.TryClassify(index, t, out var trigger))
                {
                    mentions.Add(Mention(index, phrases, s, t, trigger));
                }
            }
        }

        return mentions;
    }

    private static EventMention Mention(ParseIndex index, Phrases phrases, int sentence, int token, TriggerRules.Trigger trigger)
    {
        var document = index.Document;
        var (agent, patient, theme) = ArgumentRules.Find(index, phrases, token, trigger.IsNominal);
        var places = SettingRules.Places(index, phrases, token, trigger.Type);
        var when = SettingRules.When(index, token);
        var modality = ModalityRules.Find(index, token, trigger.IsNominal);
        int participants = (agent is null ? 0 : 1) + (patient is null && theme is null ? 0 : 1);
        float confidence = Math.Min(0.95f, trigger.Confidence + (0.05f * participants));
        var span = document.Tokens[token];
        return new EventMention(
            sentence, token, span.Start, span.End, document.TokenString(token), document.Lemmas[token], trigger.IsNominal, trigger.Type, modality, confidence)
        {
            Agent = agent,
            Patient = patient,
            Theme = theme,
            Places = places,
            When = when,
        };
    }
}
