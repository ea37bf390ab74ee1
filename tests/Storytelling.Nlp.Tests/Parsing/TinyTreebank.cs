using System.Text;
using Storytelling.Nlp.Corpora;

namespace Storytelling.Nlp.Tests.Parsing;

/// <summary>A few hand-annotated UD sentences (news-like) for training and parsing tests.</summary>
internal static class TinyTreebank
{
    private static readonly string[][] Sentences =
    [
        [
            "The DET DT 2 det", "mayor NOUN NN 3 nsubj", "visited VERB VBD 0 root", "the DET DT 5 det",
            "shelters NOUN NNS 3 obj", "on ADP IN 7 case", "Monday PROPN NNP 3 obl", ". PUNCT . 3 punct",
        ],
        [
            "Rescuers NOUN NNS 2 nsubj", "found VERB VBD 0 root", "two NUM CD 4 nummod", "survivors NOUN NNS 2 obj",
            "in ADP IN 7 case", "the DET DT 7 det", "rubble NOUN NN 2 obl", ". PUNCT . 2 punct",
        ],
        [
            "The DET DT 2 det", "storm NOUN NN 4 nsubj", "has AUX VBZ 4 aux", "destroyed VERB VBN 0 root",
            "many ADJ JJ 6 amod", "homes NOUN NNS 4 obj", ". PUNCT . 4 punct",
        ],
        [
            "Officials NOUN NNS 2 nsubj", "said VERB VBD 0 root", "that SCONJ IN 7 mark", "the DET DT 5 det",
            "bridge NOUN NN 7 nsubj:pass", "was AUX VBD 7 aux:pass", "closed VERB VBN 2 ccomp", ". PUNCT . 2 punct",
        ],
        [
            "Her PRON PRP$ 2 nmod:poss", "brother NOUN NN 3 nsubj", "lives VERB VBZ 0 root", "in ADP IN 5 case",
            "Paris PROPN NNP 3 obl", "and CCONJ CC 7 cc", "works VERB VBZ 3 conj", "at ADP IN 10 case", "a DET DT 10 det",
            "bank NOUN NN 7 obl", ". PUNCT . 3 punct",
        ],
        [
            "Police NOUN NNS 2 nsubj", "arrested VERB VBD 0 root", "a DET DT 4 det", "man NOUN NN 2 obj",
            "who PRON WP 6 nsubj", "stole VERB VBD 4 acl:relcl", "a DET DT 8 det", "car NOUN NN 6 obj",
            "yesterday NOUN NN 6 obl:tmod", ". PUNCT . 2 punct",
        ],
    ];

    /// <summary>The sentences as CoNLL-U text.</summary>
    public static string Conllu()
    {
        var text = new StringBuilder();
        for (var s = 0; s < Sentences.Length; s++)
        {
            text.Append("# sent_id = tiny-").Append(s + 1).Append('\n');
            for (var i = 0; i < Sentences[s].Length; i++)
            {
                var c = Sentences[s][i].Split(' ');
                text.Append(string.Join('\t', (i + 1).ToString(), c[0], c[0].ToLowerInvariant(), c[1], c[2], "_", c[3], c[4], "_", "_")).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static IReadOnlyList<ConlluSentence> Read() => [.. ConlluReader.Read(new StringReader(Conllu()), "tiny.conllu")];
}
