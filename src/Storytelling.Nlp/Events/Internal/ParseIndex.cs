namespace Storytelling.Nlp.Events.Internal;

/// <summary>
/// A document's dependency trees in document-wide token indexes: the head of every token (-1 for a root), its
/// children as linked lists (first child, next sibling, in token order), and which entity and time expression each
/// token lies in. Built once per document by the extractor; read-only afterwards.
/// </summary>
internal sealed class ParseIndex
{
    private readonly int[] head;
    private readonly int[] firstChild;
    private readonly int[] nextSibling;
    private readonly int[] entityOf;
    private readonly int[] timeOf;

    public ParseIndex(Document document)
    {
        Document = document;
        int n = document.TokenCount;
        head = new int[n];
        firstChild = new int[n];
        nextSibling = new int[n];
        entityOf = new int[n];
        timeOf = new int[n];
        Array.Fill(firstChild, -1);
        Array.Fill(nextSibling, -1);
        Array.Fill(entityOf, -1);
        Array.Fill(timeOf, -1);
        var heads = document.Heads;
        foreach (var sentence in document.Sentences)
        {
            for (int t = sentence.Start; t < sentence.End; t++)
            {
                int h = heads[t];
                head[t] = h <= 0 || sentence.Start + h - 1 >= sentence.End ? -1 : sentence.Start + h - 1;
            }

            for (int t = sentence.End - 1; t >= sentence.Start; t--)
            {
                int h = head[t];
                if (h >= 0 && h != t)
                {
                    nextSibling[t] = firstChild[h];
                    firstChild[h] = t;
                }
            }
        }

        var entities = document.Entities;
        for (int e = 0; e < entities.Count; e++)
        {
            for (int t = entities[e].StartToken; t < entities[e].EndToken; t++)
            {
                entityOf[t] = e;
            }
        }

        var tokens = document.Tokens;
        var times = document.TimeExpressions;
        int token = 0;
        for (int x = 0; x < times.Count; x++)
        {
            while (token < n && tokens[token].End <= times[x].Start)
            {
                token++;
            }

            for (int t = token; t < n && tokens[t].Start < times[x].End; t++)
            {
                timeOf[t] = x;
            }
        }
    }

    public Document Document { get; }

    /// <summary>The token's head (document-wide), or -1 for a sentence root.</summary>
    public int Head(int token) => head[token];

    public int FirstChild(int token) => firstChild[token];

    public int NextSibling(int token) => nextSibling[token];

    /// <summary>Index into <see cref="Document.Entities"/> of the entity holding the token, or -1.</summary>
    public int EntityOf(int token) => entityOf[token];

    /// <summary>Index into <see cref="Document.TimeExpressions"/> of the time expression holding the token, or -1.</summary>
    public int TimeOf(int token) => timeOf[token];

    /// <summary>The universal relation without its subtype ("nmod:poss" → "nmod").</summary>
    public ReadOnlySpan<char> BaseRelation(int token)
    {
        var relation = Document.Relations[token].AsSpan();
        int colon = relation.IndexOf(':');
        return colon < 0 ? relation : relation[..colon];
    }

    public bool RelationIs(int token, string relation) => string.Equals(Document.Relations[token], relation, StringComparison.Ordinal);

    /// <summary>The first child with exactly this relation, or -1.</summary>
    public int Child(int token, string relation)
    {
        for (int c = firstChild[token]; c >= 0; c = nextSibling[c])
        {
            if (RelationIs(c, relation))
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>The lemma of the first <c>case</c> child (the preposition of an oblique or nominal modifier), or empty.</summary>
    public string CaseOf(int token)
    {
        for (int c = firstChild[token]; c >= 0; c = nextSibling[c])
        {
            if (RelationIs(c, "case"))
            {
                return Document.Lemmas[c];
            }
        }

        return string.Empty;
    }

    /// <summary>Whether <paramref name="ancestor"/> dominates <paramref name="token"/> (or is it).</summary>
    public bool Dominates(int ancestor, int token)
    {
        for (int t = token, steps = 0; t >= 0 && steps < 64; t = head[t], steps++)
        {
            if (t == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
