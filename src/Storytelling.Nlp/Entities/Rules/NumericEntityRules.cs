using Storytelling.Nlp.Entities.Rules.Internal;

namespace Storytelling.Nlp.Entities.Rules;

/// <summary>
/// Rule-based numeric and temporal entities on tokens, OntoNotes-style types: DATE ("5 March 2024", "March 5",
/// "2024-03-05", "Monday", "last week", "this year", "the 1990s", "three years ago", a year), TIME ("10:30",
/// "3 p.m.", "noon", "last night"), MONEY ("$5.2 million", "40 million euros", "€40"), PERCENT ("6 percent",
/// "3.5%"), QUANTITY ("20 km", "5kg"), ORDINAL ("first", "21st") and CARDINAL (other numbers, in digits or words).
/// At each token the longest match wins (ties: TIME, MONEY, PERCENT, DATE, QUANTITY, ORDINAL, CARDINAL); matches
/// never cross sentences or overlap. Uses predicted UPOS when present (a four-digit number before a noun is a year
/// only after a word such as "in" or "since"). Stateless and thread-safe; spans have confidence 1.
/// </summary>
public static class NumericEntityRules
{
    public const string Date = "DATE", Time = "TIME", Money = "MONEY", Percent = "PERCENT", Quantity = "QUANTITY",
        Ordinal = "ORDINAL", Cardinal = "CARDINAL";

    /// <summary>The rule spans of every sentence (the whole document as one sentence when it has none).</summary>
    public static IReadOnlyList<EntitySpan> Find(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var spans = new List<EntitySpan>();
        if (document.Sentences.IsEmpty)
        {
            new RuleScanner(document, 0, document.TokenCount).Scan(spans);
            return spans;
        }

        foreach (var sentence in document.Sentences)
        {
            new RuleScanner(document, sentence.Start, sentence.End).Scan(spans);
        }

        return spans;
    }
}
