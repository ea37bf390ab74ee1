using System.Collections.Frozen;

namespace Storytelling.Stories.Internal;

/// <summary>
/// Terms for similarity: lower-cased runs of letters (with inner apostrophes and hyphens) of two or more characters
/// that are not function words, and 4-digit numbers (years). No stemming: documents about one story repeat its words.
/// </summary>
internal static class TextTerms
{
    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        "a", "about", "above", "after", "again", "against", "ago", "all", "also", "am", "an", "and", "any", "are", "around", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does",
        "doing", "down", "during", "each", "even", "ever", "few", "for", "from", "further", "get", "got", "had", "has", "have", "having",
        "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "last", "like", "many", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "new", "no",
        "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
        "per", "said", "same", "say", "says", "she", "should", "since", "so", "some", "still", "such", "than", "that", "the", "their",
        "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "though", "through", "to", "too", "two",
        "under", "until", "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who",
        "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours", "yourself", "yourselves",
        "mr", "mrs", "ms", "dr", "told", "according", "including", "year", "years", "day", "days", "week", "weeks", "time",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow",
        "s", "t", "don't", "didn't", "isn't", "wasn't", "it's", "he's", "she's", "that's", "there's", "who's", "would've",
        "http", "https", "www", "com", "html", "htm",
    ], StringComparer.Ordinal);

    /// <summary>Counts the terms of <paramref name="text"/> into <paramref name="counts"/>.</summary>
    public static void Count(string? text, Dictionary<string, int> counts)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        Span<char> buffer = stackalloc char[48];
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                i++;
                continue;
            }

            int start = i;
            bool digits = char.IsDigit(c);
            i++;
            while (i < text.Length && (char.IsLetterOrDigit(text[i])
                || ((text[i] == '\'' || text[i] == '-' || text[i] == '’') && i + 1 < text.Length && char.IsLetter(text[i + 1]) && !digits)))
            {
                digits &= char.IsDigit(text[i]);
                i++;
            }

            int length = i - start;
            if (length < 2 || length > buffer.Length || (digits && length != 4))
            {
                continue;
            }

            var word = buffer[..length];
            text.AsSpan(start, length).ToLowerInvariant(word);
            for (int k = 0; k < word.Length; k++)
            {
                if (word[k] == '’')
                {
                    word[k] = '\'';
                }
            }

            if (word.EndsWith("'s"))
            {
                word = word[..^2];
                if (word.Length < 2)
                {
                    continue;
                }
            }

            var lookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.Contains(word))
            {
                continue;
            }

            var countsLookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
            countsLookup[word] = countsLookup.TryGetValue(word, out int n) ? n + 1 : 1;
        }
    }

    public static bool IsStopWord(string word) => StopWords.Contains(word);
}
