namespace Storytelling.Nlp.Events.Internal;

/// <summary>What makes a token a trigger, and of which type.</summary>
internal static class TriggerRules
{
    /// <summary>A trigger found at a token: nominal or not, its type, and the confidence of the trigger decision.</summary>
    public readonly record struct Trigger(bool IsNominal, EventType Type, float Confidence);

    /// <summary>Whether <paramref name="token"/> triggers an event; <paramref name="trigger"/> says how.</summary>
    public static bool TryClassify(ParseIndex index, int token, out Trigger trigger)
    {
        var document = index.Document;
        var upos = document.Upos[token];
        var lemma = document.Lemmas[token];
        trigger = default;
        switch (upos)
        {
            case "VERB":
                if (EventLexicon.NonEventVerbs.Contains(lemma) || document.Relations[token] is "aux" or "aux:pass" or "cop" || OpensTitle(index, token))
                {
                    return false;
                }

                var verbType = VerbType(index, token, lemma, out bool listed);
                trigger = new Trigger(false, verbType, listed ? 0.85f : 0.6f);
                return true;

            case "NOUN":
                if (InsideName(index, token))
                {
                    return false;
                }

                if (EventLexicon.Nouns.TryGetValue(lemma, out var nounType))
                {
                    int head = index.Head(token);
                    if (nounType == EventType.Disaster && head >= 0 && string.Equals(document.Lemmas[head], "open", StringComparison.OrdinalIgnoreCase))
                    {
                        nounType = EventType.ConflictAttack;
                    }

                    trigger = new Trigger(true, nounType, 0.75f);
                    return true;
                }

                // A gerund that only modifies another noun names a kind of thing, not an event ("Housing Minister", "funding plan").
                if (document.Relations[token] != "compound" && TryGerund(lemma, out var gerundType))
                {
                    trigger = new Trigger(true, gerundType, 0.6f);
                    return true;
                }

                return false;

            case "PROPN":
                return TryCapitalized(index, token, lemma, out trigger);

            case "ADJ":
                if (EventLexicon.StateAdjectives.TryGetValue(lemma, out var adjectiveType) && !InsideName(index, token))
                {
                    trigger = new Trigger(false, adjectiveType, 0.55f);
                    return true;
                }

                return false;

            default:
                return false;
        }
    }

    private static EventType VerbType(ParseIndex index, int token, string lemma, out bool listed)
    {
        var document = index.Document;
        for (int c = index.FirstChild(token); c >= 0; c = index.NextSibling(c))
        {
            if (index.RelationIs(c, "compound:prt") && EventLexicon.Particles.TryGetValue(lemma, out var pairs))
            {
                foreach (var (particle, type) in pairs)
                {
                    if (string.Equals(particle, document.Lemmas[c], StringComparison.OrdinalIgnoreCase))
                    {
                        listed = true;
                        return type;
                    }
                }
            }
        }

        listed = EventLexicon.Verbs.TryGetValue(lemma, out var verbType);
        if (EventLexicon.ImpactVerbs.Contains(lemma))
        {
            int subject = index.Child(token, "nsubj");
            if (subject >= 0 && EventLexicon.Nouns.TryGetValue(document.Lemmas[subject], out var subjectType) && subjectType == EventType.Disaster)
            {
                listed = true;
                return EventType.Disaster;
            }
        }

        if (string.Equals(lemma, "open", StringComparison.OrdinalIgnoreCase))
        {
            int obj = index.Child(token, "obj");
            if (obj >= 0 && string.Equals(document.Lemmas[obj], "fire", StringComparison.OrdinalIgnoreCase))
            {
                listed = true;
                return EventType.ConflictAttack;
            }
        }

        if (string.Equals(lemma, "fire", StringComparison.OrdinalIgnoreCase))
        {
            int obj = index.Child(token, "obj");
            int passiveSubject = index.Child(token, "nsubj:pass");
            int person = obj >= 0 ? obj : passiveSubject;
            listed = true;
            return person >= 0 && ArgumentRules.IsAnimate(index, person) ? EventType.PersonnelChange : EventType.ConflictAttack;
        }

        if (lemma is "release" or "free" && listed)
        {
            // Freeing someone is justice; releasing funds, a report or a film is not.
            int obj = index.Child(token, "obj");
            int released = obj >= 0 ? obj : index.Child(token, "nsubj:pass");
            if (released >= 0 && !ArgumentRules.IsAnimate(index, released))
            {
                return EventType.Other;
            }
        }

        return listed ? verbType : EventType.Other;
    }

    /// <summary>
    /// A capitalised word tagged as a proper noun outside any name, as in headlines ("Tara Reid Checks Into Rehab",
    /// "Earthquake Hits Iran"): an event noun, or a listed event verb in a plain or inflected form.
    /// </summary>
    private static bool TryCapitalized(ParseIndex index, int token, string lemma, out Trigger trigger)
    {
        trigger = default;
        if (InsideName(index, token) || index.EntityOf(token) >= 0)
        {
            return false;
        }

        if (EventLexicon.Nouns.TryGetValue(lemma, out var nounType))
        {
            trigger = new Trigger(true, nounType, 0.5f);
            return true;
        }

        var word = index.Document.TokenText(token);
        var verbs = EventLexicon.VerbSpans;
        foreach (int cut in (ReadOnlySpan<int>)[0, 1, 2, 3])
        {
            if (word.Length - cut < 3)
            {
                break;
            }

            var stem = word[..^cut];
            bool inflected = cut == 0 || (cut == 1 && word[^1] is 's' or 'd') || (cut == 2 && (word.EndsWith("es", StringComparison.Ordinal) || word.EndsWith("ed", StringComparison.Ordinal)))
                || (cut == 3 && word.EndsWith("ing", StringComparison.Ordinal));
            if (inflected && verbs.TryGetValue(stem, out var verbType))
            {
                trigger = new Trigger(false, verbType, 0.5f);
                return true;
            }
        }

        return false;
    }

    /// <summary>"shooting", "bombing", "stabbing", "hiking": a noun in -ing whose verb is a listed event verb.</summary>
    private static bool TryGerund(string lemma, out EventType type)
    {
        type = EventType.Other;
        var word = lemma.AsSpan();
        if (word.Length < 6 || !word.EndsWith("ing", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var stem = word[..^3];
        var verbs = EventLexicon.VerbSpans;
        if (verbs.TryGetValue(stem, out type))
        {
            return true;
        }

        if (stem.Length > 2 && stem[^1] == stem[^2] && verbs.TryGetValue(stem[..^1], out type))
        {
            return true;
        }

        Span<char> withE = stackalloc char[stem.Length + 1];
        stem.CopyTo(withE);
        withE[^1] = 'e';
        return verbs.TryGetValue(withE, out type);
    }

    /// <summary>Whether the token lies inside a person, organisation or place name ("the Election Commission").</summary>
    /// <summary>
    /// A capitalized -ing word right before a capitalized title or organisation word ("Housing Minister Tomás Aranibar",
    /// "Building Authority"): part of a title or name that the tagger took for a verb.
    /// </summary>
    private static bool OpensTitle(ParseIndex index, int token)
    {
        var document = index.Document;
        int next = token + 1;
        return document.Xpos[token] == "VBG" && char.IsUpper(document.TokenText(token)[0]) && next < document.TokenCount
            && document.SentenceOf(next) == document.SentenceOf(token) && char.IsUpper(document.TokenText(next)[0])
            && EventLexicon.TitleHeads.Contains(document.Lemmas[next]);
    }

    private static bool InsideName(ParseIndex index, int token)
    {
        int entity = index.EntityOf(token);
        return entity >= 0 && index.Document.Entities[entity].Type is "PER" or "ORG" or "LOC";
    }
}
