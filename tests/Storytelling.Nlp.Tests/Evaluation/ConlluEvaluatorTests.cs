using System.Text.Json;
using Storytelling.Nlp.Evaluation;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tokenization;

namespace Storytelling.Nlp.Tests.Evaluation;

public sealed class ConlluEvaluatorTests
{
    /// <summary>Writes fixed tags, lemmas and heads so the expected scores are known.</summary>
    private sealed class FixedAnnotator(string[] upos, string[] lemmas, int[] heads, string[] relations) : INlpComponent
    {
        public string Name => "fixed";

        public Annotations Requires => Annotations.Tokens | Annotations.Sentences;

        public Annotations Produces => Annotations.Tags | Annotations.Lemmas | Annotations.Dependencies;

        public void Process(Document document, CancellationToken cancellationToken)
        {
            for (int i = 0; i < document.TokenCount && i < upos.Length; i++)
            {
                document.Upos[i] = upos[i];
                document.Xpos[i] = "NN";
                document.Lemmas[i] = lemmas[i];
                document.Heads[i] = heads[i];
                document.Relations[i] = relations[i];
            }
        }
    }

    // Gold (15 words): s1 The mayor visited the shelters . / s2 She did n't sleep . / s3 Dogs bark loudly .
    private static readonly string[] Upos = ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT", "PRON", "AUX", "PART", "VERB", "PUNCT", "NOUN", "VERB", "ADV", "PUNCT"];
    private static readonly string[] Lemmas = ["the", "mayor", "visit", "the", "shelter", ".", "she", "do", "not", "sleep", ".", "dog", "bark", "loudly", "."];
    private static readonly int[] Heads = [2, 3, 0, 5, 3, 3, 4, 4, 4, 0, 4, 2, 0, 2, 2];
    private static readonly string[] Relations = ["det", "nsubj", "root", "det", "obj", "punct", "nsubj", "aux", "advmod", "root", "punct", "nsubj", "root", "advmod", "punct"];

    [Fact]
    public void Perfect_annotations_on_gold_tokens_score_100()
    {
        var result = ConlluEvaluator.EvaluateGoldTokens(TestData.Tiny(), new NlpPipeline([new FixedAnnotator(Upos, Lemmas, Heads, Relations)], Annotations.Tokens | Annotations.Sentences));
        Assert.Equal((3, 15, 100.0, 100.0, 100.0, 100.0), (result.Sentences, result.Tokens, result.Upos, result.Lemma, result.Uas, result.Las));
    }

    [Fact]
    public void Known_errors_give_known_scores_and_LAS_uses_the_universal_relation()
    {
        string[] upos = [.. Upos];
        upos[1] = "PROPN";
        upos[12] = "NOUN";
        upos[13] = "ADJ";
        string[] lemmas = [.. Lemmas];
        lemmas[2] = "visited";
        int[] heads = [.. Heads];
        heads[0] = 3;
        string[] relations = [.. Relations];
        relations[4] = "obj:thing";
        relations[6] = "obj";

        var result = ConlluEvaluator.EvaluateGoldTokens(TestData.Tiny(), new NlpPipeline([new FixedAnnotator(upos, lemmas, heads, relations)], Annotations.Tokens | Annotations.Sentences));

        Assert.Equal(Math.Round(100.0 * 12 / 15, 2), result.Upos);
        Assert.Equal(Math.Round(100.0 * 14 / 15, 2), result.Lemma);
        Assert.Equal(Math.Round(100.0 * 14 / 15, 2), result.Uas);
        Assert.Equal(Math.Round(100.0 * 13 / 15, 2), result.Las);
        Assert.Equal(Math.Round(100.0 * 1 / 15, 2), result.Xpos);
    }

    [Fact]
    public void Without_a_parser_UAS_and_LAS_are_null_and_the_json_keeps_the_issue_fields()
    {
        var result = ConlluEvaluator.EvaluateGoldTokens(TestData.Tiny(), new NlpPipeline([new Tokenizer(), new SentenceSplitter()]));
        Assert.Null(result.Uas);
        using var json = JsonDocument.Parse(ConlluEvaluator.ToJson(result));
        Assert.Equal(
            ["sentences", "tokens", "upos", "xpos", "lemma", "uas", "las", "tokens_per_second"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Raw_text_mode_scores_tokens_and_sentences_by_character_offsets()
    {
        // The rule tokenizer and splitter get every token and sentence of the tiny text right.
        var result = ConlluEvaluator.EvaluateRaw(TestData.Tiny(), new NlpPipeline([new Tokenizer(), new SentenceSplitter()]));
        Assert.Equal(100.0, result.TokensF1);
        Assert.Equal(100.0, result.SentencesF1);
        Assert.Equal(0, result.Upos);
        using var json = JsonDocument.Parse(ConlluEvaluator.ToJson(result));
        Assert.True(json.RootElement.TryGetProperty("tokens_f1", out _));
        Assert.True(json.RootElement.TryGetProperty("sentences_f1", out _));
    }

    [Fact]
    public void Raw_text_mode_counts_a_wrong_split_against_precision_and_recall()
    {
        // "didn't" left whole: gold has 15 tokens, the system 14, 13 match → F1 = 2·13/(14+15).
        var result = ConlluEvaluator.EvaluateRaw(TestData.Tiny(), new NlpPipeline([new WholeWordTokenizer(), new SentenceSplitter()]));
        Assert.Equal(Math.Round(100.0 * 2 * 13 / (14 + 15), 2), result.TokensF1);
    }

    private sealed class WholeWordTokenizer : INlpComponent
    {
        public string Name => "whole";

        public Annotations Requires => Annotations.None;

        public Annotations Produces => Annotations.Tokens;

        public void Process(Document document, CancellationToken cancellationToken)
        {
            var tokens = Tokenizer.Tokenize(document.Text).ToList();
            int n = tokens.FindIndex(t => document.Text[t.Start..t.End] == "n't");
            tokens[n - 1] = new Token(tokens[n - 1].Start, tokens[n].End);
            tokens.RemoveAt(n);
            document.SetTokens([.. tokens]);
        }
    }
}
