using System.Text.Json.Serialization;

namespace Storytelling.Nlp.Evaluation;

/// <summary>
/// Scores in percent (CoNLL 2018 style, punctuation included, LAS on the universal part of the relation).
/// On gold tokens the tag, lemma and attachment scores are accuracies; in raw-text mode they are F1 over words
/// aligned by character offsets, and <see cref="TokensF1"/> and <see cref="SentencesF1"/> are set.
/// <see cref="Uas"/> and <see cref="Las"/> are null when the pipeline has no parser (no Dependencies).
/// Tag or lemma scores are 0 when the pipeline does not produce them.
/// </summary>
public sealed record EvaluationResult(
    [property: JsonPropertyName("sentences")] int Sentences,
    [property: JsonPropertyName("tokens")] int Tokens,
    [property: JsonPropertyName("upos")] double Upos,
    [property: JsonPropertyName("xpos")] double Xpos,
    [property: JsonPropertyName("lemma")] double Lemma,
    [property: JsonPropertyName("uas")] double? Uas,
    [property: JsonPropertyName("las")] double? Las,
    [property: JsonPropertyName("tokens_per_second")] double TokensPerSecond,
    [property: JsonPropertyName("tokens_f1"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? TokensF1 = null,
    [property: JsonPropertyName("sentences_f1"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? SentencesF1 = null);
