using System.Buffers;
using System.Collections.Frozen;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tokenization.Internal;

namespace Storytelling.Nlp.Tokenization;

/// <summary>
/// Rule-based tokenizer following UD English-EWT conventions: splits clitics ("n't", "'s", "'re", "'ll", "'ve", "'m",
/// "'d", straight or curly apostrophes; "cannot", "gonna", "dont" as the treebank does), punctuation, currency
/// symbols ("$5.2" → "$" "5.2") and hyphens between words (except after prefixes such as "e-", "non-", "re-");
/// keeps URLs, e-mail addresses, @handles, #hashtags, numbers, dates, times, phone numbers, abbreviations and
/// emoticons whole. Emoji runs are tokens of their own. Every token is an offset range into the original text;
/// tokens never overlap. Stateless and thread-safe.
/// </summary>
public sealed class Tokenizer : INlpComponent
{
    public const string ComponentName = "tokenizer";

    private static readonly FrozenSet<string> KeptPrefixes = FrozenSet.ToFrozenSet(
    [
        "e", "non", "pre", "anti", "mid", "re", "post", "co", "over", "pro", "multi", "ex", "sub", "semi", "cross",
        "neo", "psycho", "socio", "counter", "intra", "inter", "micro", "macro", "un", "de", "bi", "tri", "ultra",
        "mega", "mini", "pseudo", "quasi", "extra",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Emoticons = FrozenSet.ToFrozenSet(
    [
        ":)", ":(", ":D", ":-)", ":-(", ";)", ";-)", ":P", ":p", ":-P", "(:", "):", ":/", ":-/", "=)", "<3", ":'(",
        ":o", ":O", "XD", "xD", ":|", "^_^", "^^", ":]", ":[", "8)", ";(", "=(", ":-D", ":*",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Whole = FrozenSet.ToFrozenSet(
    ["w/", "w/o", "w/out", "a/c", "c/o", "n/a", "l/c", "y/o", "s/b"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Fused forms the treebank splits: lower-cased form → length of the first part.</summary>
    private static readonly FrozenDictionary<string, int> Fused = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["cannot"] = 3,
        ["gonna"] = 3,
        ["gotta"] = 3,
        ["wanna"] = 3,
        ["dont"] = 2,
        ["cant"] = 2,
        ["wont"] = 2,
        ["didnt"] = 3,
        ["doesnt"] = 4,
        ["isnt"] = 2,
        ["wasnt"] = 3,
        ["arent"] = 3,
        ["werent"] = 4,
        ["couldnt"] = 5,
        ["wouldnt"] = 5,
        ["shouldnt"] = 6,
        ["havent"] = 4,
        ["hasnt"] = 3,
        ["hadnt"] = 3,
        ["aint"] = 2,
        ["im"] = 1,
        ["ive"] = 1,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EmoticonLookup = Emoticons.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> WholeLookup = Whole.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PrefixLookup = KeptPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup = Abbreviations.All.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> FusedLookup = Fused.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Name => ComponentName;

    public Annotations Requires => Annotations.None;

    public Annotations Produces => Annotations.Tokens;

    public void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.SetTokens(Tokenize(document.Text));
    }

    public static Token[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<Token>(text.Length / 5 + 4);
        Tokenize(text, output);
        return [.. output];
    }

    /// <summary>Appends the tokens of <paramref name="text"/> (offsets relative to its start) to <paramref name="output"/>.</summary>
    public static void Tokenize(ReadOnlySpan<char> text, List<Token> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsSpace(text[i]))
            {
                i++;
            }

            int start = i;
            while (i < text.Length && !IsSpace(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                Chunk(text, start, i, output);
            }
        }
    }

    private static bool IsSpace(char c) => c <= ' ' ? c is ' ' or '\n' or '\r' or '\t' or '\f' or '\v' : c is '\u00A0' or '\u2028' or '\u2029' or '\u3000' or '\u200B' or '\u2009' or '\u202F' || (c > '\u2000' && c <= '\u200A');

    private static void Chunk(ReadOnlySpan<char> text, int s, int e, List<Token> output)
    {
        var chunk = text[s..e];
        if (EmoticonLookup.Contains(chunk) || IsUrlOrMail(chunk))
        {
            output.Add(new Token(s, e));
            return;
        }

        while (s < e)
        {
            char c = text[s];
            if (c == '\'' && s + 1 < e && char.IsAsciiDigit(text[s + 1]))
            {
                break;
            }

            if (CharClass.Opening.Contains(c) || c == '-' && s + 1 < e && text[s + 1] == '-')
            {
                int run = Run(text, s, e);
                output.Add(new Token(s, run));
                s = run;
            }
            else if (CharClass.Currency.Contains(c))
            {
                int run = Run(text, s, e);
                output.Add(new Token(s, run));
                s = run;
            }
            else
            {
                break;
            }
        }

        int trailingStart = output.Count;
        while (e > s)
        {
            char c = text[e - 1];
            if (CharClass.IsTerminal(c))
            {
                int runStart = e - 1;
                while (runStart > s && CharClass.IsTerminal(text[runStart - 1]))
                {
                    runStart--;
                }

                if (runStart == e - 1 && c == '.' && IsAbbreviation(text[s..e]))
                {
                    break;
                }

                if (runStart == s)
                {
                    output.Add(new Token(s, e));
                    e = s;
                    break;
                }

                output.Add(new Token(runStart, e));
                e = runStart;
            }
            else if (CharClass.Closing.Contains(c) || c == '-')
            {
                if (EndsWithEmoticon(text[s..e], out int length) && e - length > s)
                {
                    output.Add(new Token(e - length, e));
                    e -= length;
                    continue;
                }

                int runStart = e - 1;
                while (runStart > s && text[runStart - 1] == c)
                {
                    runStart--;
                }

                output.Add(new Token(runStart, e));
                e = runStart;
            }
            else
            {
                break;
            }
        }

        int trailingCount = output.Count - trailingStart;
        Span<Token> trailing = trailingCount <= 16 ? stackalloc Token[trailingCount] : new Token[trailingCount];
        for (int t = 0; t < trailingCount; t++)
        {
            trailing[t] = output[output.Count - 1 - t];
        }

        output.RemoveRange(trailingStart, trailingCount);
        if (e > s)
        {
            Core(text, s, e, output);
        }

        foreach (var token in trailing)
        {
            output.Add(token);
        }
    }

    private static int Run(ReadOnlySpan<char> text, int s, int e)
    {
        char c = text[s];
        int i = s + 1;
        while (i < e && text[i] == c)
        {
            i++;
        }

        return i;
    }

    private static bool EndsWithEmoticon(ReadOnlySpan<char> span, out int length)
    {
        foreach (int n in (ReadOnlySpan<int>)[3, 2])
        {
            if (span.Length > n && EmoticonLookup.Contains(span[^n..]) && (span[^n] is ':' or ';' or '='))
            {
                length = n;
                return true;
            }
        }

        length = 0;
        return false;
    }

    private static void Core(ReadOnlySpan<char> text, int s, int e, List<Token> output)
    {
        var core = text[s..e];
        if (IsUrlOrMail(core) || IsNumberLike(core) || WholeLookup.Contains(core) || IsHandle(core))
        {
            output.Add(new Token(s, e));
            return;
        }

        int segment = s;
        int i = s;
        while (i < e)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) || IsSymbol(c))
            {
                Word(text, segment, i, output);
                int end = i;
                while (end < e && (char.IsSurrogate(text[end]) || IsSymbol(text[end]) || text[end] is '\u200D' or '\uFE0F'))
                {
                    end++;
                }

                output.Add(new Token(i, end));
                segment = i = end;
            }
            else if (c == '-')
            {
                bool wordBefore = i > segment && CharClass.IsWordChar(text[i - 1]);
                bool wordAfter = i + 1 < e && CharClass.IsWordChar(text[i + 1]);
                if (wordBefore && wordAfter && KeepHyphen(text[segment..i], text[(i + 1)..e]))
                {
                    i++;
                    continue;
                }

                Word(text, segment, i, output);
                int run = Run(text, i, e);
                output.Add(new Token(i, run));
                segment = i = run;
            }
            else if (CharClass.Inner.Contains(c) && !(c == ',' && IsDigitAround(text, i, s, e)) && !(c is ':' or '/' && IsDigitAround(text, i, s, e)))
            {
                Word(text, segment, i, output);
                int run = Run(text, i, e);
                output.Add(new Token(i, run));
                segment = i = run;
            }
            else if (c == '.' && i + 1 < e && text[i + 1] == '.')
            {
                Word(text, segment, i, output);
                int run = Run(text, i, e);
                output.Add(new Token(i, run));
                segment = i = run;
            }
            else
            {
                i++;
            }
        }

        Word(text, segment, e, output);
    }

    private static bool IsSymbol(char c) =>
        c > '\u2000' && char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.OtherSymbol;

    private static bool IsDigitAround(ReadOnlySpan<char> text, int i, int s, int e) =>
        i > s && i + 1 < e && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]);

    private static bool KeepHyphen(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.Length > 0 && char.IsAsciiDigit(left[^1]) && char.IsAsciiDigit(right[0]))
        {
            return true;
        }

        int lastHyphen = left.LastIndexOf('-');
        var prefix = lastHyphen >= 0 ? left[(lastHyphen + 1)..] : left;
        if (prefix.Length > 6)
        {
            return false;
        }

        Span<char> lower = stackalloc char[prefix.Length];
        prefix.ToLowerInvariant(lower);
        return PrefixLookup.Contains(lower);
    }

    /// <summary>Emits a word, splitting clitics and fused forms the treebank splits.</summary>
    private static void Word(ReadOnlySpan<char> text, int s, int e, List<Token> output)
    {
        int length = e - s;
        if (length <= 0)
        {
            return;
        }

        var word = text[s..e];
        if (length <= 8)
        {
            Span<char> lower = stackalloc char[length];
            word.ToLowerInvariant(lower);
            if (FusedLookup.TryGetValue(lower, out int first) && word.IndexOfAny(CharClass.Inner) < 0)
            {
                output.Add(new Token(s, s + first));
                output.Add(new Token(s + first, e));
                return;
            }
        }

        if (length > 3 && (word[^1] is 't' or 'T') && CharClass.IsApostrophe(word[^2]) && (word[^3] is 'n' or 'N') && CharClass.IsWordChar(word[^4]))
        {
            output.Add(new Token(s, e - 3));
            output.Add(new Token(e - 3, e));
            return;
        }

        int clitic = CliticLength(word);
        if (clitic > 0 && length > clitic && CharClass.IsWordChar(word[length - clitic - 1]))
        {
            output.Add(new Token(s, e - clitic));
            output.Add(new Token(e - clitic, e));
            return;
        }

        output.Add(new Token(s, e));
    }

    private static int CliticLength(ReadOnlySpan<char> word)
    {
        if (word.Length >= 2 && CharClass.IsApostrophe(word[^2]) && (word[^1] | 0x20) is 's' or 'm' or 'd')
        {
            return 2;
        }

        if (word.Length >= 3 && CharClass.IsApostrophe(word[^3]))
        {
            char a = (char)(word[^2] | 0x20), b = (char)(word[^1] | 0x20);
            if ((a, b) is ('r', 'e') or ('l', 'l') or ('v', 'e'))
            {
                return 3;
            }
        }

        return 0;
    }

    private static bool IsAbbreviation(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || word.Length > 10)
        {
            return false;
        }

        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        if (AbbreviationLookup.Contains(lower))
        {
            return true;
        }

        if (word.Length == 2 && char.IsUpper(word[0]))
        {
            return true;
        }

        for (int i = 0; i < word.Length; i += 2)
        {
            if (!char.IsLetter(word[i]) || i + 1 >= word.Length || word[i + 1] != '.')
            {
                return false;
            }
        }

        return word.Length >= 4;
    }

    private static bool IsHandle(ReadOnlySpan<char> core)
    {
        if (core.Length < 2 || core[0] is not ('@' or '#'))
        {
            return false;
        }

        foreach (char c in core[1..])
        {
            if (!CharClass.IsWordChar(c) && c != '_')
            {
                return false;
            }
        }

        return char.IsLetter(core[1]) || core[1] == '_';
    }

    private static bool IsNumberLike(ReadOnlySpan<char> core)
    {
        int start = core[0] is '+' or '-' or '.' && core.Length > 1 ? 1 : 0;
        if (!char.IsAsciiDigit(core[start]) || !char.IsAsciiDigit(core[^1]))
        {
            return false;
        }

        return core[start..].IndexOfAnyExcept(NumberChars) < 0;
    }

    private static readonly SearchValues<char> NumberChars = SearchValues.Create("0123456789.,:/-");

    private static bool IsUrlOrMail(ReadOnlySpan<char> chunk)
    {
        if (chunk.Length < 5)
        {
            return false;
        }

        if (chunk.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || chunk.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || chunk.StartsWith("www.", StringComparison.OrdinalIgnoreCase) || chunk.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase)
            || chunk.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return chunk[^1] is not ('.' or ',' or ')' or '"' or '\'' or '!' or '?' or ';' or ':' or '>' or ']');
        }

        int at = chunk.IndexOf('@');
        if (at > 0 && at < chunk.Length - 3)
        {
            int dot = chunk[at..].IndexOf('.');
            return dot > 1 && char.IsLetterOrDigit(chunk[0]) && char.IsLetterOrDigit(chunk[^1]) && chunk[..at].IndexOfAny(CharClass.Inner) < 0 && chunk[at..].IndexOfAny(CharClass.Inner) < 0;
        }

        return false;
    }
}
