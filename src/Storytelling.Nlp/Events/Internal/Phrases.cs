namespace Storytelling.Nlp.Events.Internal;

/// <summary>
/// Turns a head token into the phrase it heads: its subtree without punctuation, relative clauses, parenthetical
/// clauses, time expressions that modify it ("police on Monday") and (when given) the subtree of another token, cut to the contiguous run of tokens around the head, with
/// leading prepositions, subordinators and conjunctions and trailing punctuation trimmed. One per document and thread.
/// </summary>
internal sealed class Phrases(ParseIndex index)
{
    private readonly int[] stamp = new int[index.Document.TokenCount];
    private readonly Stack<int> pending = new();
    private int generation;

    /// <summary>The token range [first, last] of the phrase headed by <paramref name="head"/>, leaving out <paramref name="excluded"/>'s subtree (-1: none).</summary>
    public (int First, int Last) Span(int head, int excluded)
    {
        int mark = ++generation;
        pending.Clear();
        pending.Push(head);
        while (pending.Count > 0)
        {
            int t = pending.Pop();
            stamp[t] = mark;
            for (int c = index.FirstChild(t); c >= 0; c = index.NextSibling(c))
            {
                if (c != excluded && !Dropped(c) && (index.TimeOf(c) < 0 || index.TimeOf(c) == index.TimeOf(head)))
                {
                    pending.Push(c);
                }
            }
        }

        var sentence = index.Document.Sentences[index.Document.SentenceOf(head)];
        int first = head, last = head;
        while (first > sentence.Start && stamp[first - 1] == mark)
        {
            first--;
        }

        while (last + 1 < sentence.End && stamp[last + 1] == mark)
        {
            last++;
        }

        while (first < head && TrimmedAtStart(first))
        {
            first++;
        }

        while (last > head && TrimmedAtEnd(last))
        {
            last--;
        }

        return (first, last);
    }

    /// <summary>A phrase as an argument: exact offsets, text, the entity its head lies in.</summary>
    public EventArgument Argument(int head, int excluded, float confidence)
    {
        var (first, last) = Span(head, excluded);
        var document = index.Document;
        var tokens = document.Tokens;
        int start = tokens[first].Start, end = tokens[last].End;
        int entity = index.EntityOf(head);
        string? type = entity >= 0 ? document.Entities[entity].Type : null;
        return new EventArgument(start, end, document.Text[start..end], type, entity, Math.Clamp(confidence, 0f, 1f)) { HeadToken = head };
    }

    private bool Dropped(int token)
    {
        var relation = index.Document.Relations[token];
        return relation is "punct" or "acl:relcl" or "parataxis" or "dep" or "discourse" or "reparandum";
    }

    private bool TrimmedAtStart(int token)
    {
        var document = index.Document;
        return document.Upos[token] is "PUNCT" or "CCONJ" || document.Relations[token] is "case" or "mark" or "cc";
    }

    private bool TrimmedAtEnd(int token)
    {
        var document = index.Document;
        return document.Upos[token] is "PUNCT" or "CCONJ" || document.Relations[token] is "cc" or "case";
    }
}
