using System.Collections.Frozen;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tokenization.Internal;

namespace Storytelling.Nlp.Tokenization;

/// <summary>
/// Rule-based sentence splitter over tokens. A sentence ends after terminal punctuation (". ! ? …" runs), together
/// with the closing quotes and brackets glued to it, unless the next token starts with a lower-case letter or the
/// period belongs to a title-like abbreviation ("Mr.", "e.g."); other abbreviations ("Inc.", "U.S.") end a sentence
/// only before a capitalised word. A blank line always ends a sentence; a single line break does when the next line
/// starts with a capital, digit, quote or bullet (headlines, list items). Stateless and thread-safe.
/// </summary>
public sealed class SentenceSplitter : INlpComponent
{
    public const string ComponentName = "sentences";

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NeverFinal =
        Abbreviations.NeverFinal.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Name => ComponentName;

    public Annotations Requires => Annotations.Tokens;

    public Annotations Produces => Annotations.Sentences;

    public void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.SetSentences(Split(document.Text, document.Tokens));
    }

    public static SentenceRange[] Split(string text, ReadOnlySpan<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<SentenceRange>(tokens.Length / 15 + 1);
        int start = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            if (i + 1 == tokens.Length || EndsAfter(text, tokens, i))
            {
                sentences.Add(new SentenceRange(start, i + 1));
                start = i + 1;
            }
        }

        return [.. sentences];
    }

    private static bool EndsAfter(string text, ReadOnlySpan<Token> tokens, int i)
    {
        var next = tokens[i + 1];
        int breaks = LineBreaks(text.AsSpan(tokens[i].End, next.Start - tokens[i].End));
        if (breaks >= 2)
        {
            return true;
        }

        var nextText = text.AsSpan(next.Start, next.Length);
        char nextFirst = nextText[0];
        if (breaks == 1 && (char.IsUpper(nextFirst) || char.IsDigit(nextFirst) || nextFirst is '"' or '“' or '\'' or '‘' or '-' or '*' or '•' or '(' or '['))
        {
            return true;
        }

        var current = text.AsSpan(tokens[i].Start, tokens[i].Length);
        int terminal = i;
        if (IsClosing(current))
        {
            if (i == 0 || tokens[i - 1].End != tokens[i].Start || !IsTerminalToken(text.AsSpan(tokens[i - 1].Start, tokens[i - 1].Length)))
            {
                return false;
            }

            terminal = i - 1;
        }
        else if (!IsTerminalToken(current) && !(current.Length > 1 && current[^1] == '.'))
        {
            return false;
        }

        if (IsClosing(nextText) && next.Start == tokens[i].End)
        {
            return false;
        }

        var terminalText = text.AsSpan(tokens[terminal].Start, tokens[terminal].Length);
        if (IsEmoticon(nextText) || (char.IsLower(nextFirst) && (terminalText.Length > 1 || next.Start == tokens[i].End)))
        {
            return false;
        }

        if (terminalText.Length > 1 && terminalText[^1] == '.' && terminalText[0] != '.')
        {
            Span<char> lower = stackalloc char[Math.Min(terminalText.Length, 16)];
            if (terminalText.Length > 16)
            {
                return char.IsUpper(nextFirst);
            }

            terminalText.ToLowerInvariant(lower);
            if (NeverFinal.Contains(lower) || (terminalText.Length == 2 && char.IsUpper(terminalText[0])))
            {
                return false;
            }

            return char.IsUpper(nextFirst);
        }

        return next.Start > tokens[i].End || !char.IsLetterOrDigit(nextFirst);
    }

    private static bool IsEmoticon(ReadOnlySpan<char> token) =>
        token.Length is >= 2 and <= 3 && token[0] is ':' or ';' or '=' && !char.IsLetterOrDigit(token[1]) || token is ":D" or ":P" or ":p";

    private static bool IsTerminalToken(ReadOnlySpan<char> token)
    {
        foreach (char c in token)
        {
            if (!CharClass.IsTerminal(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsClosing(ReadOnlySpan<char> token) =>
        token.Length == 1 && token[0] is '"' or '\'' or ')' or ']' or '}' or '”' or '’' or '»'
        || token is "''" or "’’";

    private static int LineBreaks(ReadOnlySpan<char> gap)
    {
        int n = 0;
        foreach (char c in gap)
        {
            if (c == '\n')
            {
                n++;
            }
        }

        return n;
    }
}
