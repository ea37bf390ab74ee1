namespace Storytelling.Nlp.Parsing.Internal;

/// <summary>Unlabeled and labeled attachment scores in percent (CoNLL 2018: punctuation included, universal labels).</summary>
internal readonly record struct AttachmentScore(int Words, int HeadsRight, int ArcsRight)
{
    public double Uas => Words == 0 ? 0 : 100.0 * HeadsRight / Words;

    public double Las => Words == 0 ? 0 : 100.0 * ArcsRight / Words;

    /// <summary>Parses <paramref name="sentences"/> with <paramref name="model"/> and scores the trees against their gold ones.</summary>
    public static AttachmentScore Evaluate(ParserModel model, IEnumerable<TreebankSentence> sentences, ParserSentence scratch)
    {
        int words = 0, heads = 0, arcs = 0;
        foreach (var gold in sentences)
        {
            gold.Fill(scratch, model.Vocabulary);
            model.Parse(scratch);
            for (var i = 1; i <= gold.WordCount; i++)
            {
                words++;
                if (scratch.State.Heads[i] == gold.Heads[i])
                {
                    heads++;
                    if (TreebankSentence.UniversalPart(model.Labels[scratch.State.Labels[i]]) == TreebankSentence.UniversalPart(gold.Relations[i]))
                    {
                        arcs++;
                    }
                }
            }
        }

        return new AttachmentScore(words, heads, arcs);
    }

    public override string ToString() => $"UAS {Uas:F2} LAS {Las:F2} ({Words} words)";
}
