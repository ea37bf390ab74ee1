using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Storytelling.Stories.Evaluation;

/// <summary>Scores of events, event coreference and stories against gold (fractions in [0, 1]; JSON in percent).</summary>
public sealed record StoryEvaluation(
    Score Mentions,
    Score Muc,
    Score BCubed,
    Score CeafE,
    Score Stories,
    int Documents,
    int GoldMentions,
    int PredictedMentions,
    int MatchedMentions)
{
    /// <summary>The CoNLL F1: the mean of the MUC, B³ and CEAF-e F1 scores.</summary>
    public double ConllF1 => (Muc.F1 + BCubed.F1 + CeafE.F1) / 3;

    /// <summary>
    /// <c>{"event_mentions":{"precision","recall","f1"},"event_coref_conll_f1","event_coref":{"muc","b3","ceafe"},
    /// "stories":{"b3_precision","b3_recall","b3_f1"}}</c>, in percent with two decimals; muc, b3 and ceafe are F1 scores.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("event_mentions");
            writer.WriteNumber("precision", Percent(Mentions.Precision));
            writer.WriteNumber("recall", Percent(Mentions.Recall));
            writer.WriteNumber("f1", Percent(Mentions.F1));
            writer.WriteEndObject();
            writer.WriteNumber("event_coref_conll_f1", Percent(ConllF1));
            writer.WriteStartObject("event_coref");
            writer.WriteNumber("muc", Percent(Muc.F1));
            writer.WriteNumber("b3", Percent(BCubed.F1));
            writer.WriteNumber("ceafe", Percent(CeafE.F1));
            writer.WriteEndObject();
            writer.WriteStartObject("stories");
            writer.WriteNumber("b3_precision", Percent(Stories.Precision));
            writer.WriteNumber("b3_recall", Percent(Stories.Recall));
            writer.WriteNumber("b3_f1", Percent(Stories.F1));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A small table for people.</summary>
    public string ToTable()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{Documents} documents; event mentions: {GoldMentions} gold, {PredictedMentions} predicted, {MatchedMentions} matched (in selected sentences)");
        table.AppendLine("                      precision  recall      f1");
        Row(table, "event mentions", Mentions);
        Row(table, "coref MUC", Muc);
        Row(table, "coref B3", BCubed);
        Row(table, "coref CEAF-e", CeafE);
        table.AppendLine(CultureInfo.InvariantCulture, $"{"coref CoNLL F1",-20} {"",9} {"",7} {Percent(ConllF1),7:F2}");
        Row(table, "stories B3", Stories);
        return table.ToString().TrimEnd();
    }

    private static void Row(StringBuilder table, string name, Score score) =>
        table.AppendLine(CultureInfo.InvariantCulture, $"{name,-20} {Percent(score.Precision),9:F2} {Percent(score.Recall),7:F2} {Percent(score.F1),7:F2}");

    private static double Percent(double fraction) => Math.Round(fraction * 100, 2);
}
