using System.Diagnostics;
using System.Text.Json;
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Evaluation;

/// <summary>
/// Scores a pipeline against a CoNLL-U file, CoNLL 2018 style. <see cref="EvaluateGoldTokens"/> gives the pipeline
/// the gold words and sentences (its tokenizer and splitter are skipped) and reports accuracies.
/// <see cref="EvaluateRaw"/> runs the whole pipeline on the text rebuilt from the file
/// (<see cref="Document.FromConllu"/>: forms joined with SpaceAfter, blank lines between paragraphs) and aligns
/// system words to gold words by identical character spans; scores are F1. Documents are the file's
/// <c># newdoc</c> groups; tokens per second counts pipeline time only (one thread).
/// </summary>
public static class ConlluEvaluator
{
    public static EvaluationResult EvaluateGoldTokens(IReadOnlyList<ConlluSentence> gold, NlpPipeline pipeline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(pipeline);
        var onGold = pipeline.Given(Annotations.Tokens | Annotations.Sentences);
        var counts = new Counts();
        long elapsed = 0;
        int docIndex = 0;
        foreach (var group in Documents(gold))
        {
            var reference = Document.FromConllu(group, $"gold-{docIndex}", Annotations.Tags | Annotations.Lemmas | Annotations.Dependencies);
            var system = Document.FromConllu(group, $"doc-{docIndex++}");
            long started = Stopwatch.GetTimestamp();
            onGold.Process(system, cancellationToken);
            elapsed += Stopwatch.GetTimestamp() - started;
            for (int t = 0; t < reference.TokenCount; t++)
            {
                counts.Add(reference, t, system, t, system.Heads[t] == reference.Heads[t]);
            }

            counts.Gold += reference.TokenCount;
            counts.GoldSentences += reference.Sentences.Length;
        }

        double seconds = (double)elapsed / Stopwatch.Frequency;
        bool parsed = onGold.Produces.HasFlag(Annotations.Dependencies);
        return new EvaluationResult(
            counts.GoldSentences,
            counts.Gold,
            Percent(counts.Upos, counts.Gold),
            Percent(counts.Xpos, counts.Gold),
            Percent(counts.Lemma, counts.Gold),
            parsed ? Percent(counts.Uas, counts.Gold) : null,
            parsed ? Percent(counts.Las, counts.Gold) : null,
            seconds > 0 ? Math.Round(counts.Gold / seconds) : 0);
    }

    public static EvaluationResult EvaluateRaw(IReadOnlyList<ConlluSentence> gold, NlpPipeline pipeline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(pipeline);
        var counts = new Counts();
        long elapsed = 0;
        int systemTokens = 0, matchedTokens = 0, systemSentences = 0, matchedSentences = 0;
        int docIndex = 0;
        foreach (var group in Documents(gold))
        {
            var reference = Document.FromConllu(group, $"gold-{docIndex}", Annotations.Tags | Annotations.Lemmas | Annotations.Dependencies);
            var system = new Document(reference.Text, $"doc-{docIndex++}");
            long started = Stopwatch.GetTimestamp();
            pipeline.Process(system, cancellationToken);
            elapsed += Stopwatch.GetTimestamp() - started;

            var goldTokens = reference.Tokens;
            var systemTokensSpan = system.Tokens;
            systemTokens += systemTokensSpan.Length;
            var systemToGold = new int[systemTokensSpan.Length];
            Array.Fill(systemToGold, -1);
            for (int g = 0, s = 0; g < goldTokens.Length && s < systemTokensSpan.Length;)
            {
                if (goldTokens[g] == systemTokensSpan[s])
                {
                    systemToGold[s] = g;
                    matchedTokens++;
                    g++;
                    s++;
                }
                else if (goldTokens[g].End <= systemTokensSpan[s].End)
                {
                    g++;
                }
                else
                {
                    s++;
                }
            }

            for (int s = 0; s < systemToGold.Length; s++)
            {
                int g = systemToGold[s];
                if (g < 0)
                {
                    continue;
                }

                int systemHead = GlobalHead(system, s);
                int goldHead = GlobalHead(reference, g);
                bool headCorrect = systemHead < 0 ? goldHead < 0 : goldHead >= 0 && systemToGold[systemHead] == goldHead;
                counts.Add(reference, g, system, s, headCorrect);
            }

            counts.Gold += goldTokens.Length;
            counts.GoldSentences += reference.Sentences.Length;
            systemSentences += system.Sentences.Length;
            var goldSpans = new HashSet<(int, int)>();
            foreach (var sentence in reference.Sentences)
            {
                goldSpans.Add((goldTokens[sentence.Start].Start, goldTokens[sentence.End - 1].End));
            }

            foreach (var sentence in system.Sentences)
            {
                if (goldSpans.Contains((systemTokensSpan[sentence.Start].Start, systemTokensSpan[sentence.End - 1].End)))
                {
                    matchedSentences++;
                }
            }
        }

        double seconds = (double)elapsed / Stopwatch.Frequency;
        bool parsed = pipeline.Produces.HasFlag(Annotations.Dependencies);
        return new EvaluationResult(
            counts.GoldSentences,
            counts.Gold,
            F1(counts.Upos, systemTokens, counts.Gold),
            F1(counts.Xpos, systemTokens, counts.Gold),
            F1(counts.Lemma, systemTokens, counts.Gold),
            parsed ? F1(counts.Uas, systemTokens, counts.Gold) : null,
            parsed ? F1(counts.Las, systemTokens, counts.Gold) : null,
            seconds > 0 ? Math.Round(counts.Gold / seconds) : 0,
            F1(matchedTokens, systemTokens, counts.Gold),
            F1(matchedSentences, systemSentences, counts.GoldSentences));
    }

    public static string ToJson(EvaluationResult result) => JsonSerializer.Serialize(result, Internal.NlpJsonContext.Default.EvaluationResult);

    /// <summary>Groups sentences into documents at <c># newdoc</c> (the whole file when there is none).</summary>
    public static IEnumerable<IReadOnlyList<ConlluSentence>> Documents(IReadOnlyList<ConlluSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var current = new List<ConlluSentence>();
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

    /// <summary>Universal part of a relation: <c>nmod:poss</c> → <c>nmod</c>.</summary>
    public static ReadOnlySpan<char> UniversalRelation(string relation)
    {
        ArgumentNullException.ThrowIfNull(relation);
        int colon = relation.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? relation : relation.AsSpan(0, colon);
    }

    private static int GlobalHead(Document document, int token)
    {
        int head = document.Heads[token];
        if (head == 0)
        {
            return -1;
        }

        int sentence = document.SentenceOf(token);
        return sentence < 0 ? -1 : document.Sentences[sentence].Start + head - 1;
    }

    private static double Percent(int correct, int total) => total == 0 ? 0 : Math.Round(100.0 * correct / total, 2);

    private static double F1(int correct, int system, int gold)
    {
        if (system == 0 || gold == 0 || correct == 0)
        {
            return 0;
        }

        double precision = (double)correct / system, recall = (double)correct / gold;
        return Math.Round(100.0 * 2 * precision * recall / (precision + recall), 2);
    }

    private sealed class Counts
    {
        public int Gold;
        public int GoldSentences;
        public int Upos;
        public int Xpos;
        public int Lemma;
        public int Uas;
        public int Las;

        public void Add(Document reference, int g, Document system, int s, bool headCorrect)
        {
            if (reference.Upos[g] == system.Upos[s])
            {
                Upos++;
            }

            if (reference.Xpos[g] == system.Xpos[s])
            {
                Xpos++;
            }

            if (reference.Lemmas[g] == system.Lemmas[s])
            {
                Lemma++;
            }

            if (headCorrect)
            {
                Uas++;
                if (UniversalRelation(reference.Relations[g]).SequenceEqual(UniversalRelation(system.Relations[s])))
                {
                    Las++;
                }
            }
        }
    }
}
