namespace Storytelling.Nlp.Events.Internal;

/// <summary>
/// Who, whom and what of a trigger from its dependents (docs/events.md, "Arguments"). Confidences start from how
/// direct the relation is and rise when the head is a recognised entity.
/// </summary>
internal static class ArgumentRules
{
    /// <summary>The agent, patient and theme of <paramref name="trigger"/>.</summary>
    public static (EventArgument? Agent, EventArgument? Patient, EventArgument? Theme) Find(
        ParseIndex index, Phrases phrases, int trigger, bool nominal)
    {
        return nominal ? Nominal(index, phrases, trigger) : Verbal(index, phrases, trigger);
    }

    /// <summary>Whether a token denotes a person or organisation: a PER/ORG entity, a personal pronoun or a listed noun.</summary>
    public static bool IsAnimate(ParseIndex index, int token)
    {
        int entity = index.EntityOf(token);
        if (entity >= 0)
        {
            var type = index.Document.Entities[entity].Type;
            return type is "PER" or "ORG";
        }

        var upos = index.Document.Upos[token];
        return upos is "PRON" or "NOUN" or "PROPN" && EventLexicon.Animate.Contains(index.Document.Lemmas[token]);
    }

    private static (EventArgument?, EventArgument?, EventArgument?) Verbal(ParseIndex index, Phrases phrases, int trigger)
    {
        var document = index.Document;
        int agent = -1, patient = -1, theme = -1, clause = -1;
        float agentConfidence = 0.85f, objectConfidence = 0.85f;
        int passiveSubject = -1, byPhrase = -1;
        for (int c = index.FirstChild(trigger); c >= 0; c = index.NextSibling(c))
        {
            switch (document.Relations[c])
            {
                case "nsubj":
                    agent = c;
                    break;
                case "nsubj:pass":
                    passiveSubject = c;
                    break;
                case "obl:agent":
                    byPhrase = c;
                    break;
                case "obl":
                    if (byPhrase < 0 && string.Equals(index.CaseOf(c), "by", StringComparison.OrdinalIgnoreCase) && IsAnimate(index, c))
                    {
                        byPhrase = c;
                    }

                    break;
                case "obj":
                    if (IsAnimate(index, c))
                    {
                        patient = c;
                    }
                    else
                    {
                        theme = c;
                    }

                    break;
                case "iobj":
                    if (patient < 0)
                    {
                        patient = c;
                    }

                    break;
                case "ccomp":
                case "xcomp":
                    clause = c;
                    break;
            }
        }

        bool passive = passiveSubject >= 0 || index.Child(trigger, "aux:pass") >= 0;
        if (passive)
        {
            agent = byPhrase;
            agentConfidence = 0.8f;
            if (passiveSubject >= 0)
            {
                if (IsAnimate(index, passiveSubject))
                {
                    patient = passiveSubject;
                }
                else
                {
                    theme = passiveSubject;
                }
            }
        }

        int head = index.Head(trigger);
        string relation = document.Relations[trigger];
        if (agent >= 0 && IsRelativePronoun(document, agent) && head >= 0 && relation == "acl:relcl")
        {
            agent = head;
            agentConfidence = 0.7f;
        }
        else if (agent >= 0 && document.Xpos[agent] is "WP" or "WDT")
        {
            // A relative pronoun the parse did not attach to its noun: the noun just before it ("residents, who fled"), else no agent.
            agent = NounBefore(document, agent);
            agentConfidence = 0.5f;
        }

        if (agent < 0 && !passive && head >= 0 && relation is "conj" or "xcomp" && document.Upos[head] == "VERB")
        {
            agent = index.Child(head, "nsubj");
            agentConfidence = 0.6f;
        }

        if (relation == "acl" && head >= 0 && document.Xpos[trigger] == "VBN" && patient < 0 && theme < 0)
        {
            if (IsAnimate(index, head))
            {
                patient = head;
            }
            else
            {
                theme = head;
            }

            objectConfidence = 0.65f;
        }

        if (theme < 0 && clause >= 0)
        {
            theme = clause;
        }

        return (
            Make(index, phrases, agent, trigger, agentConfidence),
            Make(index, phrases, patient, trigger, objectConfidence),
            Make(index, phrases, theme, trigger, theme == clause ? 0.6f : objectConfidence));
    }

    private static (EventArgument?, EventArgument?, EventArgument?) Nominal(ParseIndex index, Phrases phrases, int trigger)
    {
        var document = index.Document;
        int agent = -1, patient = -1, theme = -1;
        float agentConfidence = 0.7f;
        for (int c = index.FirstChild(trigger); c >= 0; c = index.NextSibling(c))
        {
            string relation = document.Relations[c];
            // A time as possessor ("last Sunday's earthquake") says when, not who.
            if (relation == "nmod:poss" && agent < 0 && index.TimeOf(c) < 0)
            {
                agent = c;
            }
            else if (relation == "nmod")
            {
                string preposition = index.CaseOf(c);
                if (string.Equals(preposition, "by", StringComparison.OrdinalIgnoreCase))
                {
                    agent = c;
                    agentConfidence = 0.75f;
                }
                else if (preposition is "of" or "on" or "against" or "for" && patient < 0 && theme < 0)
                {
                    if (IsAnimate(index, c))
                    {
                        patient = c;
                    }
                    else if (index.EntityOf(c) < 0 || document.Entities[index.EntityOf(c)].Type != "LOC")
                    {
                        theme = c;
                    }
                }
            }
        }

        return (
            Make(index, phrases, agent, trigger, agentConfidence),
            Make(index, phrases, patient, trigger, 0.65f),
            Make(index, phrases, theme, trigger, 0.55f));
    }

    private static EventArgument? Make(ParseIndex index, Phrases phrases, int head, int trigger, float confidence)
    {
        if (head < 0)
        {
            return null;
        }

        int entity = index.EntityOf(head);
        if (entity >= 0)
        {
            confidence = Math.Min(1f, confidence + (0.1f * index.Document.Entities[entity].Confidence));
        }

        return phrases.Argument(head, trigger, confidence);
    }

    /// <summary>The noun or name right before <paramref name="token"/> (a comma between them allowed) in its sentence, else -1.</summary>
    private static int NounBefore(Document document, int token)
    {
        int start = document.Sentences[document.SentenceOf(token)].Start;
        int before = token - 1;
        if (before >= start && document.TokenText(before) is ",")
        {
            before--;
        }

        return before >= start && document.Upos[before] is "NOUN" or "PROPN" ? before : -1;
    }

    private static bool IsRelativePronoun(Document document, int token) =>
        document.Lemmas[token] is "who" or "which" or "that" or "whom";
}
