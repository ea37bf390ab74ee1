namespace Storytelling.Nlp.Events.Internal;

/// <summary>Negated, hypothetical and reported events (docs/events.md, "Modality").</summary>
internal static class ModalityRules
{
    public static EventModality Find(ParseIndex index, int trigger, bool nominal)
    {
        var document = index.Document;
        var modality = EventModality.Asserted;
        modality |= Own(index, trigger, nominal);
        int head = index.Head(trigger);
        string relation = document.Relations[trigger];

        if (!nominal && head >= 0 && relation == "conj" && index.Child(trigger, "nsubj") < 0 && index.Child(trigger, "aux") < 0)
        {
            modality |= Own(index, head, false) & (EventModality.Negated | EventModality.Hypothetical);
        }

        if (head >= 0 && (relation is "xcomp" or "obj" || (relation == "acl" && index.Child(trigger, "mark") >= 0)) && IsIntention(document, head))
        {
            modality |= EventModality.Hypothetical;
        }

        if (head >= 0 && relation == "xcomp" && string.Equals(document.Lemmas[head], "go", StringComparison.OrdinalIgnoreCase)
            && document.Xpos[head] == "VBG")
        {
            modality |= EventModality.Hypothetical;
        }

        if (nominal && head >= 0 && relation is "obj" or "nsubj:pass" && document.Upos[head] == "VERB")
        {
            modality |= Own(index, head, false) & EventModality.Hypothetical;
        }

        if (IsReported(index, trigger))
        {
            modality |= EventModality.Reported;
        }

        return modality;
    }

    /// <summary>Negation and hypotheticality marked on the token itself: "not", "never", "no", modals, "if"/"unless".</summary>
    private static EventModality Own(ParseIndex index, int token, bool nominal)
    {
        var document = index.Document;
        var modality = EventModality.Asserted;
        for (int c = index.FirstChild(token); c >= 0; c = index.NextSibling(c))
        {
            string relation = document.Relations[c];
            string lemma = document.Lemmas[c];
            if (relation == "mark" && EventLexicon.Conditionals.Contains(lemma))
            {
                modality |= EventModality.Hypothetical;
            }

            if (nominal)
            {
                if (relation == "det" && lemma is "no" or "No")
                {
                    modality |= EventModality.Negated;
                }

                continue;
            }

            if (relation is "advmod" or "neg" or "aux" or "cc:preconj" && EventLexicon.Negations.Contains(lemma)
                && !string.Equals(lemma, "no", StringComparison.OrdinalIgnoreCase))
            {
                modality |= EventModality.Negated;
            }
            else if (relation is "nsubj" or "nsubj:pass" or "obj" && IsNobody(index, c))
            {
                modality |= EventModality.Negated;
            }
            else if (relation == "aux" && (EventLexicon.Modals.Contains(lemma) || EventLexicon.ModalSpans.Contains(document.TokenText(c))))
            {
                modality |= EventModality.Hypothetical;
            }
        }

        return modality;
    }

    private static bool IsAccording(string lemma) => lemma is "according" or "accord" or "According";

    /// <summary>"no one", "nobody", "nothing", "no survivors": a participant that says the event did not happen to anyone.</summary>
    private static bool IsNobody(ParseIndex index, int token)
    {
        var document = index.Document;
        if (document.Lemmas[token] is "nobody" or "nothing" or "none" or "Nobody" or "Nothing" or "None")
        {
            return true;
        }

        int determiner = index.Child(token, "det");
        return determiner >= 0 && document.Lemmas[determiner] is "no" or "No";
    }

    private static bool IsIntention(Document document, int token) =>
        document.Upos[token] is "VERB" or "NOUN" && EventLexicon.IntentionVerbs.Contains(document.Lemmas[token]);

    /// <summary>The trigger lies in the complement of a reporting verb, or its clause says "according to".</summary>
    private static bool IsReported(ParseIndex index, int trigger)
    {
        var document = index.Document;
        for (int t = trigger, steps = 0; t >= 0 && steps < 64; t = index.Head(t), steps++)
        {
            int head = index.Head(t);
            if (head < 0)
            {
                break;
            }

            if (document.Relations[t] is "ccomp" or "parataxis" && EventLexicon.ReportingVerbs.Contains(document.Lemmas[head]))
            {
                return true;
            }

            if (document.Relations[t] is "obl" && IsAccording(index.CaseOf(t)))
            {
                return true;
            }
        }

        for (int c = index.FirstChild(trigger); c >= 0; c = index.NextSibling(c))
        {
            if ((document.Relations[c] == "obl" && IsAccording(index.CaseOf(c)))
                || (document.Relations[c] == "advcl" && string.Equals(document.Lemmas[c], "accord", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
