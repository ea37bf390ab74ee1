using System.Collections.Frozen;

namespace Storytelling.Nlp.Time.Internal;

/// <summary>
/// Decides whether a bare weekday, month or season looks back or forward from the anchor: the tense cue nearest
/// before the expression in its sentence wins ("said", "was", "-ed" forms look back; "will", "'ll", "is due",
/// "expected to", "scheduled" look forward), else the first cue after it; a sentence without any cue has no tense.
/// A future auxiliary takes the verb after it along ("will cut", "will be held"), so that verb is not read as past.
/// A plain scan over the words of one sentence.
/// </summary>
internal static class Tense
{
    private const int MaxReach = 400;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FutureAuxiliaries = Lookup("will", "shall", "won't", "won’t");

    /// <summary>Words that look forward when "to" follows: "going to", "expected to", "set to", "plans to".</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> BeforeTo = Lookup(
        "going", "expected", "set", "scheduled", "slated", "plan", "plans", "planning", "intend", "intends", "due");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FutureWords = Lookup("scheduled", "slated", "planned", "upcoming");

    /// <summary>Words a future auxiliary may take along before its verb: "will not", "will also be".</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AuxiliaryFillers = Lookup(
        "not", "also", "still", "then", "now", "soon", "be", "have", "been", "to");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PastWords = Lookup(
        "said", "told", "was", "were", "had", "did", "been", "went", "came", "took", "made", "gave", "met", "left", "began",
        "fell", "rose", "won", "lost", "struck", "held", "spoke", "saw", "found", "sent", "led", "got", "broke", "sold",
        "fled", "stood", "brought", "thought", "knew", "became", "wrote", "drove", "flew", "fought", "caught", "bought",
        "paid", "ran", "cut", "hit", "shut", "quit");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Abbreviations = Lookup(
        "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt", "Prof", "No", "vs",
        "Inc", "Corp", "Ltd", "Co", "Jr", "Sr", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec");

    /// <summary>Whether the sentence around [start, end) speaks of the past or the future; null when it gives no cue.</summary>
    public static bool? IsFuture(string text, int start, int end)
    {
        int from = SentenceStart(text, start);
        int to = SentenceEnd(text, end);
        bool? before = null;
        int skip = 0;
        int i = from;
        while (i < to)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            int wordStart = i;
            while (i < to && IsWordChar(text[i]))
            {
                i++;
            }

            var word = text.AsSpan(wordStart, i - wordStart);
            if (skip > 0)
            {
                skip = AuxiliaryFillers.Contains(word) ? skip : skip - 1;
                continue;
            }

            bool? cue = Classify(text, word, i, to, ref skip);
            if (cue is null || (wordStart < end && i > start))
            {
                continue;
            }

            if (wordStart >= end)
            {
                return before ?? cue;
            }

            before = cue;
        }

        return before;
    }

    /// <summary>True for a future cue, false for a past one, null for other words; sets <paramref name="skip"/> to pass over the verb a future auxiliary governs.</summary>
    private static bool? Classify(string text, ReadOnlySpan<char> word, int after, int to, ref int skip)
    {
        if (FutureAuxiliaries.Contains(word) || word.EndsWith("'ll", StringComparison.OrdinalIgnoreCase) || word.EndsWith("’ll", StringComparison.OrdinalIgnoreCase))
        {
            skip = 1;
            return true;
        }

        var next = NextWord(text, after, to);
        if (BeforeTo.Contains(word) && next.Equals("to", StringComparison.OrdinalIgnoreCase))
        {
            skip = 1;
            return true;
        }

        if ((word.Equals("is", StringComparison.OrdinalIgnoreCase) || word.Equals("are", StringComparison.OrdinalIgnoreCase))
            && next.Equals("due", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (FutureWords.Contains(word))
        {
            return true;
        }

        return PastWords.Contains(word) || (word.Length >= 4 && word.EndsWith("ed", StringComparison.OrdinalIgnoreCase)) ? false : null;
    }

    private static ReadOnlySpan<char> NextWord(string text, int position, int to)
    {
        while (position < to && !IsWordChar(text[position]))
        {
            position++;
        }

        int start = position;
        while (position < to && IsWordChar(text[position]))
        {
            position++;
        }

        return text.AsSpan(start, position - start);
    }

    private static bool IsWordChar(char c) => char.IsLetter(c) || c is '\'' or '’';

    private static int SentenceStart(string text, int position)
    {
        int limit = Math.Max(0, position - MaxReach);
        for (int i = position - 1; i > limit; i--)
        {
            if (text[i] == '\n' || (IsTerminal(text, i) && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1])))
            {
                return i + 1;
            }
        }

        return limit;
    }

    private static int SentenceEnd(string text, int position)
    {
        int limit = Math.Min(text.Length, position + MaxReach);
        for (int i = position; i < limit; i++)
        {
            if (text[i] == '\n' || (IsTerminal(text, i) && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]))))
            {
                return i;
            }
        }

        return limit;
    }

    /// <summary>"!", "?", or a period that does not end an abbreviation ("Mr.", "p.m.", "U.S.", an initial).</summary>
    private static bool IsTerminal(string text, int i)
    {
        char c = text[i];
        if (c is '!' or '?')
        {
            return true;
        }

        if (c != '.')
        {
            return false;
        }

        int wordStart = i;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, i - wordStart);
        return word.Length == 0 || (word.Length > 1 && !word.Contains('.') && !Abbreviations.Contains(word));
    }

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup(params string[] words) =>
        FrozenSet.Create(StringComparer.OrdinalIgnoreCase, words).GetAlternateLookup<ReadOnlySpan<char>>();
}
