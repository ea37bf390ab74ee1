using Storytelling.Nlp.Time;

namespace Storytelling.Nlp.Events.Internal;

/// <summary>Where and when of a trigger (docs/events.md, "Places" and "Time").</summary>
internal static class SettingRules
{
    /// <summary>
    /// Locative obliques and modifiers of the trigger ("in Kabul", "near the border"; "to Paris" for movements), then
    /// place entities in the trigger's own clause (not in its subject, possessor or embedded clauses); when there are
    /// none, the place entity of the sentence nearest the trigger, with a lower confidence.
    /// </summary>
    public static IReadOnlyList<EventArgument> Places(ParseIndex index, Phrases phrases, int trigger, EventType type)
    {
        var document = index.Document;
        List<EventArgument>? places = null;
        for (int c = index.FirstChild(trigger); c >= 0; c = index.NextSibling(c))
        {
            var relation = index.BaseRelation(c);
            bool oblique = relation.SequenceEqual("obl") || relation.SequenceEqual("nmod") || relation.SequenceEqual("advmod");
            bool movementObject = type == EventType.MovementTransport && relation.SequenceEqual("obj") && IsPlaceEntity(index, c);
            if ((!oblique && !movementObject) || index.TimeOf(c) >= 0)
            {
                continue;
            }

            string preposition = index.CaseOf(c);
            bool locative = EventLexicon.Locative.Contains(preposition)
                || (type == EventType.MovementTransport && EventLexicon.Directional.Contains(preposition))
                || movementObject;
            if (locative && (IsPlaceEntity(index, c) || (document.Upos[c] is "NOUN" or "PROPN" && IsPlaceNoun(document.Lemmas[c]))))
            {
                places ??= [];
                places.Add(phrases.Argument(c, trigger, IsPlaceEntity(index, c) ? 0.85f : 0.6f));
            }
        }

        AddClauseEntities(index, trigger, ref places);
        if (places is not null)
        {
            return places;
        }

        var sentence = document.Sentences[document.SentenceOf(trigger)];
        int best = -1, bestDistance = int.MaxValue;
        var entities = document.Entities;
        for (int e = 0; e < entities.Count; e++)
        {
            var entity = entities[e];
            if (entity.Type == "LOC" && entity.StartToken >= sentence.Start && entity.EndToken <= sentence.End)
            {
                int distance = Math.Abs(entity.StartToken - trigger);
                if (distance < bestDistance)
                {
                    best = e;
                    bestDistance = distance;
                }
            }
        }

        if (best < 0)
        {
            return [];
        }

        var found = entities[best];
        return [new EventArgument(found.Start, found.End, document.Text[found.Start..found.End], found.Type, best, 0.35f * found.Confidence) { HeadToken = found.EndToken - 1 }];
    }

    /// <summary>
    /// The time expression (not a set or a duration) in the trigger's own clause nearest the trigger (confidence 0.85 of the expression's), else
    /// the nearest in its sentence (0.5 of it), else the document's publication date flagged as a fallback (0.3), else
    /// a fallback with no value (0).
    /// </summary>
    public static EventTime When(ParseIndex index, int trigger)
    {
        var document = index.Document;
        var times = document.TimeExpressions;
        var sentence = document.Sentences[document.SentenceOf(trigger)];
        int inClause = -1, inSentence = -1, clauseDistance = int.MaxValue, sentenceDistance = int.MaxValue;
        for (int t = sentence.Start; t < sentence.End; t++)
        {
            int x = index.TimeOf(t);
            // A set ("every week") or a duration ("over three years") says how often or how long, not when.
            if (x < 0 || (t > sentence.Start && index.TimeOf(t - 1) == x) || times[x].Type is TimeExpressionType.Set or TimeExpressionType.Duration)
            {
                continue;
            }

            int distance = Math.Abs(t - trigger);
            if (InClauseOf(index, trigger, t) && distance < clauseDistance)
            {
                inClause = x;
                clauseDistance = distance;
            }

            if (distance < sentenceDistance)
            {
                inSentence = x;
                sentenceDistance = distance;
            }
        }

        int chosen = inClause >= 0 ? inClause : inSentence;
        if (chosen >= 0)
        {
            var expression = times[chosen];
            float factor = inClause >= 0 ? 0.85f : 0.5f;
            return new EventTime(expression.Start, expression.End, expression.Text, expression.Value, expression.Interval, chosen, false, factor * expression.Confidence);
        }

        if (document.PublishedAt is { } published)
        {
            var day = new DateTimeOffset(published.Date, published.Offset);
            return new EventTime(-1, -1, null, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), new TimeInterval(day, day.AddDays(1)), -1, true, 0.3f);
        }

        return new EventTime(-1, -1, null, null, null, -1, true, 0f);
    }

    /// <summary>A common noun that can name a place: not an event ("in the blaze"), not a listed abstract noun ("at the age of").</summary>
    private static bool IsPlaceNoun(string lemma) =>
        !EventLexicon.Nouns.ContainsKey(lemma) && !EventLexicon.NonPlaces.Contains(lemma) && !EventLexicon.Animate.Contains(lemma);

    private static bool IsPlaceEntity(ParseIndex index, int token)
    {
        int entity = index.EntityOf(token);
        return entity >= 0 && index.Document.Entities[entity].Type == "LOC";
    }

    /// <summary>Whether <paramref name="token"/> hangs under <paramref name="trigger"/> without crossing into another clause.</summary>
    private static bool InClauseOf(ParseIndex index, int trigger, int token)
    {
        var document = index.Document;
        for (int t = token, steps = 0; t >= 0 && steps < 64; t = index.Head(t), steps++)
        {
            if (t == trigger)
            {
                return true;
            }

            if (document.Relations[t] is "ccomp" or "advcl" or "acl:relcl" or "parataxis" or "xcomp" or "csubj" or "conj")
            {
                return false;
            }
        }

        return false;
    }

    private static void AddClauseEntities(ParseIndex index, int trigger, ref List<EventArgument>? places)
    {
        var document = index.Document;
        var sentence = document.Sentences[document.SentenceOf(trigger)];
        var entities = document.Entities;
        for (int t = sentence.Start; t < sentence.End; t++)
        {
            int e = index.EntityOf(t);
            if (e < 0 || entities[e].Type != "LOC" || entities[e].StartToken != t || t == trigger)
            {
                continue;
            }

            var entity = entities[e];
            if (places is not null && places.Exists(p => p.Start <= entity.Start && entity.End <= p.End))
            {
                continue;
            }

            if (UnderObjectOf(index, trigger, entity.StartToken, entity.EndToken))
            {
                places ??= [];
                places.Add(new EventArgument(entity.Start, entity.End, document.Text[entity.Start..entity.End], entity.Type, e, 0.6f * entity.Confidence)
                {
                    HeadToken = entity.EndToken - 1,
                });
            }
        }
    }

    /// <summary>Whether an entity hangs under the trigger through objects, obliques and modifiers only (not its subject or a possessor).</summary>
    private static bool UnderObjectOf(ParseIndex index, int trigger, int startToken, int endToken)
    {
        var document = index.Document;
        int top = -1;
        for (int t = startToken; t < endToken; t++)
        {
            int h = index.Head(t);
            if (h < startToken || h >= endToken)
            {
                top = t;
                break;
            }
        }

        for (int t = top, steps = 0; t >= 0 && steps < 64; t = index.Head(t), steps++)
        {
            if (index.Head(t) == trigger)
            {
                return document.Relations[t] is "obj" or "obl" or "nmod" or "iobj" || document.Relations[t].StartsWith("obl:", StringComparison.Ordinal);
            }

            if (t == trigger || document.Relations[t] is "nsubj" or "nsubj:pass" or "nmod:poss" or "ccomp" or "advcl" or "acl:relcl" or "parataxis" or "conj" or "csubj")
            {
                return false;
            }
        }

        return false;
    }
}
