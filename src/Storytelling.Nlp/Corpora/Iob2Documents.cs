using Storytelling.Nlp.Entities;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Corpora;

/// <summary>Turns IOB2 sentences into documents: grouped at <c># newdoc</c>, forms joined by single spaces, gold tokens and sentences.</summary>
public static class Iob2Documents
{
    /// <summary>Groups sentences into documents at <c># newdoc</c> (the whole input when there is none).</summary>
    public static IEnumerable<IReadOnlyList<Iob2Sentence>> Group(IEnumerable<Iob2Sentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var current = new List<Iob2Sentence>();
        foreach (var sentence in sentences)
        {
            if (sentence.StartsDocument && current.Count > 0)
            {
                yield return current;
                current = [];
            }

            current.Add(sentence);
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    /// <summary>
    /// A document whose tokens and sentences are the given ones (forms joined by one space, sentences by a space).
    /// With <paramref name="goldEntities"/> the tags become its <see cref="Document.Entities"/> (confidence 1).
    /// </summary>
    public static Document ToDocument(IReadOnlyList<Iob2Sentence> sentences, string id, bool goldEntities = false)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var text = new System.Text.StringBuilder();
        var tokens = new List<Token>();
        var ranges = new SentenceRange[sentences.Count];
        for (int s = 0; s < sentences.Count; s++)
        {
            int first = tokens.Count;
            foreach (string form in sentences[s].Forms)
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                tokens.Add(new Token(text.Length, text.Length + form.Length));
                text.Append(form);
            }

            ranges[s] = new SentenceRange(first, tokens.Count);
        }

        var document = new Document(text.ToString(), id);
        document.SetTokens([.. tokens]);
        if (ranges.Length > 0)
        {
            document.SetSentences(ranges);
        }

        if (goldEntities)
        {
            var spans = new List<EntitySpan>();
            for (int s = 0; s < sentences.Count; s++)
            {
                foreach (var span in BilouCodec.SpansFromIob2(sentences[s].Tags))
                {
                    spans.Add(EntitySpan.Create(document, ranges[s].Start + span.Start, ranges[s].Start + span.End, span.Type));
                }
            }

            document.SetEntities([.. spans]);
        }

        return document;
    }

    /// <summary>Gold tokens and sentences are provided by <see cref="ToDocument"/>.</summary>
    public const Annotations Provided = Annotations.Tokens | Annotations.Sentences;
}
