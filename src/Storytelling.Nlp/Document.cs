using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Entities;
using Storytelling.Nlp.Events;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Time;

namespace Storytelling.Nlp;

/// <summary>
/// Annotated text. Tokens are offsets into the original <see cref="Text"/>; every other layer is a per-token
/// array indexed like <see cref="Tokens"/> (no object per token). Heads follow CoNLL-U: 1-based within the
/// sentence, 0 for the root. Components fill layers in place and record them in <see cref="Annotations"/>.
/// </summary>
public sealed class Document
{
    private Token[] tokens = [];
    private SentenceRange[] sentences = [];
    private string[] upos = [];
    private string[] xpos = [];
    private string[] lemmas = [];
    private int[] heads = [];
    private string[] relations = [];
    private MultiwordToken[] multiwordTokens = [];
    private EntitySpan[] entities = [];
    private TimeExpression[] timeExpressions = [];
    private EventMention[] events = [];

    public Document(string text, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Id = id ?? string.Empty;
    }

    public string Id { get; }

    public string Text { get; }

    /// <summary>When the text was published: the anchor for relative time expressions ("yesterday", "last week"); null when unknown.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The layers present so far.</summary>
    public Annotations Annotations { get; private set; }

    public ReadOnlySpan<Token> Tokens => tokens;

    public ReadOnlySpan<SentenceRange> Sentences => sentences;

    public int TokenCount => tokens.Length;

    /// <summary>Universal POS tag per token (empty string until tagged).</summary>
    public Span<string> Upos => upos;

    /// <summary>Language-specific (PTB) POS tag per token.</summary>
    public Span<string> Xpos => xpos;

    public Span<string> Lemmas => lemmas;

    /// <summary>Head per token: 1-based index within its sentence, 0 for the root.</summary>
    public Span<int> Heads => heads;

    /// <summary>Dependency relation to the head per token (UD, with subtypes such as <c>nmod:poss</c>).</summary>
    public Span<string> Relations => relations;

    /// <summary>Surface tokens that were split into several syntactic words (known for gold CoNLL-U input).</summary>
    public ReadOnlySpan<MultiwordToken> MultiwordTokens => multiwordTokens;

    /// <summary>Entity mentions ordered by position, never overlapping (empty until an entity recognizer ran).</summary>
    public IReadOnlyList<EntitySpan> Entities => entities;

    /// <summary>Time expressions ordered by position, never overlapping (empty until the time expression recognizer ran).</summary>
    public IReadOnlyList<TimeExpression> TimeExpressions => timeExpressions;

    /// <summary>Event mentions ordered by trigger position (empty until an event extractor ran).</summary>
    public IReadOnlyList<EventMention> Events => events;

    public ReadOnlySpan<char> TokenText(int index) => Text.AsSpan(tokens[index].Start, tokens[index].Length);

    public string TokenString(int index) => Text.Substring(tokens[index].Start, tokens[index].Length);

    /// <summary>Index of the sentence that contains <paramref name="tokenIndex"/>, or -1.</summary>
    public int SentenceOf(int tokenIndex)
    {
        int lo = 0, hi = sentences.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (tokenIndex < sentences[mid].Start)
            {
                hi = mid - 1;
            }
            else if (tokenIndex >= sentences[mid].End)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    /// <summary>Sets the tokens and (re)allocates every per-token layer; later layers are cleared.</summary>
    public void SetTokens(Token[] value, MultiwordToken[]? multiwords = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        int previousEnd = 0;
        foreach (var token in value)
        {
            if (token.Start < previousEnd || token.End < token.Start || token.End > Text.Length)
            {
                throw new ArgumentException(
                    $"Token [{token.Start},{token.End}) of document '{Id}' overlaps the previous token or leaves the text (length {Text.Length}).",
                    nameof(value));
            }

            previousEnd = token.End;
        }

        tokens = value;
        multiwordTokens = multiwords ?? [];
        int n = value.Length;
        upos = Filled(n);
        xpos = Filled(n);
        lemmas = Filled(n);
        relations = Filled(n);
        heads = new int[n];
        sentences = [];
        entities = [];
        timeExpressions = [];
        Annotations = Annotations.Tokens;
    }

    /// <summary>Sets the sentences: consecutive, non-empty token ranges covering every token.</summary>
    public void SetSentences(SentenceRange[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int expected = 0;
        foreach (var sentence in value)
        {
            if (sentence.Start != expected || sentence.End <= sentence.Start)
            {
                throw new ArgumentException(
                    $"Sentences of document '{Id}' must be consecutive non-empty token ranges; got [{sentence.Start},{sentence.End}) where {expected} was expected.",
                    nameof(value));
            }

            expected = sentence.End;
        }

        if (expected != tokens.Length)
        {
            throw new ArgumentException($"Sentences of document '{Id}' cover {expected} of {tokens.Length} tokens.", nameof(value));
        }

        sentences = value;
        Annotations |= Annotations.Sentences;
    }

    /// <summary>
    /// Sets the entity layer: spans in token order, non-overlapping, inside the document, with character offsets
    /// matching their tokens (build them with <see cref="EntitySpan.Create"/>).
    /// </summary>
    public void SetEntities(EntitySpan[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int previousEnd = 0;
        foreach (var entity in value)
        {
            if (entity.StartToken < previousEnd || entity.EndToken <= entity.StartToken || entity.EndToken > tokens.Length
                || entity.Start != tokens[entity.StartToken].Start || entity.End != tokens[entity.EndToken - 1].End
                || string.IsNullOrEmpty(entity.Type))
            {
                throw new ArgumentException(
                    $"Entity {entity.Type} over tokens [{entity.StartToken},{entity.EndToken}) of document '{Id}' overlaps the previous entity, leaves the {tokens.Length} tokens or has offsets [{entity.Start},{entity.End}) that do not match its tokens.",
                    nameof(value));
            }

            previousEnd = entity.EndToken;
        }

        entities = value;
        Annotations |= Annotations.Entities;
    }

    /// <summary>
    /// Sets the time expression layer: expressions in text order, non-overlapping, inside the text, each with the text
    /// its character offsets cover.
    /// </summary>
    public void SetTimeExpressions(IReadOnlyList<TimeExpression> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int previousEnd = 0;
        foreach (var expression in value)
        {
            if (expression.Start < previousEnd || expression.End <= expression.Start || expression.End > Text.Length
                || !Text.AsSpan(expression.Start, expression.End - expression.Start).SequenceEqual(expression.Text))
            {
                throw new ArgumentException(
                    $"Time expression '{expression.Text}' at [{expression.Start},{expression.End}) of document '{Id}' overlaps the previous one, leaves the text (length {Text.Length}) or does not match the text at its offsets.",
                    nameof(value));
            }

            previousEnd = expression.End;
        }

        timeExpressions = [.. value];
        Annotations |= Annotations.TimeExpressions;
    }

    /// <summary>Sets the event layer; each trigger must lie in the text and match it, triggers in text order.</summary>
    public void SetEvents(IReadOnlyList<EventMention> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int previousStart = -1;
        foreach (var mention in value)
        {
            if (mention.TriggerStart < previousStart || mention.TriggerEnd <= mention.TriggerStart || mention.TriggerEnd > Text.Length
                || !Text.AsSpan(mention.TriggerStart, mention.TriggerEnd - mention.TriggerStart).SequenceEqual(mention.Trigger))
            {
                throw new ArgumentException(
                    $"Event trigger '{mention.Trigger}' at [{mention.TriggerStart},{mention.TriggerEnd}) of document '{Id}' is out of order, leaves the text (length {Text.Length}) or does not match the text at its offsets.",
                    nameof(value));
            }

            previousStart = mention.TriggerStart;
        }

        events = [.. value];
        Annotations |= Annotations.Events;
    }

    /// <summary>Records that a component filled a layer.</summary>
    public void MarkProduced(Annotations layers) => Annotations |= layers;

    /// <summary>
    /// Builds a document from CoNLL-U sentences: the text is rebuilt by joining word forms (multiword tokens are
    /// concatenations of their words in UD English) with <c>SpaceAfter</c>; sentences are separated by a space,
    /// paragraphs and documents (<c># newpar</c>, <c># newdoc</c>) by a blank line. Tokens are the syntactic words.
    /// <paramref name="goldLayers"/> selects which gold layers (Tags, Lemmas, Dependencies) are copied.
    /// </summary>
    public static Document FromConllu(IReadOnlyList<ConlluSentence> conlluSentences, string id, Annotations goldLayers = Annotations.None)
    {
        ArgumentNullException.ThrowIfNull(conlluSentences);
        var text = new System.Text.StringBuilder();
        var tokenList = new List<Token>();
        var sentenceList = new List<SentenceRange>(conlluSentences.Count);
        var multiwords = new List<MultiwordToken>();
        for (int s = 0; s < conlluSentences.Count; s++)
        {
            var sentence = conlluSentences[s];
            if (s > 0)
            {
                text.Append(sentence.StartsParagraph ? "\n\n" : " ");
            }

            int first = tokenList.Count;
            var words = sentence.Words;
            for (int w = 0; w < words.Count; w++)
            {
                int start = text.Length;
                text.Append(words[w].Form);
                tokenList.Add(new Token(start, text.Length));
                if (words[w].SpaceAfter && w < words.Count - 1 && !InsideMultiword(sentence, w))
                {
                    text.Append(' ');
                }
            }

            foreach (var mwt in sentence.MultiwordTokens)
            {
                multiwords.Add(new MultiwordToken(first + mwt.FirstWord - 1, first + mwt.LastWord - 1, mwt.Form));
            }

            sentenceList.Add(new SentenceRange(first, tokenList.Count));
        }

        var document = new Document(text.ToString(), id);
        document.SetTokens([.. tokenList], [.. multiwords]);
        if (sentenceList.Count > 0)
        {
            document.SetSentences([.. sentenceList]);
        }

        int t = 0;
        foreach (var sentence in conlluSentences)
        {
            foreach (var word in sentence.Words)
            {
                if (goldLayers.HasFlag(Annotations.Tags))
                {
                    document.upos[t] = word.Upos;
                    document.xpos[t] = word.Xpos;
                }

                if (goldLayers.HasFlag(Annotations.Lemmas))
                {
                    document.lemmas[t] = word.Lemma;
                }

                if (goldLayers.HasFlag(Annotations.Dependencies))
                {
                    document.heads[t] = word.Head;
                    document.relations[t] = word.Relation;
                }

                t++;
            }
        }

        document.MarkProduced(goldLayers & (Annotations.Tags | Annotations.Lemmas | Annotations.Dependencies));
        return document;
    }

    private static bool InsideMultiword(ConlluSentence sentence, int wordIndex)
    {
        int id = wordIndex + 1;
        foreach (var mwt in sentence.MultiwordTokens)
        {
            if (id >= mwt.FirstWord && id < mwt.LastWord)
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Filled(int n)
    {
        var array = new string[n];
        Array.Fill(array, string.Empty);
        return array;
    }
}
