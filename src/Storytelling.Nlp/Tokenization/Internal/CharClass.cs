using System.Buffers;
using System.Runtime.CompilerServices;

namespace Storytelling.Nlp.Tokenization.Internal;

/// <summary>Character classes used by the tokenizer.</summary>
internal static class CharClass
{
    /// <summary>Punctuation peeled from the start of a chunk.</summary>
    public static readonly SearchValues<char> Opening = SearchValues.Create("\"'([{<“‘«„*`~^|>=");

    /// <summary>Punctuation peeled from the end of a chunk.</summary>
    public static readonly SearchValues<char> Closing = SearchValues.Create(",;:!?\"')]}>“”’‘»…*`~^|<=+%");

    /// <summary>Punctuation that splits a word in the middle.</summary>
    public static readonly SearchValues<char> Inner = SearchValues.Create(",;!?\"()[]{}<>|*…“”«»/:~^`=");

    public static readonly SearchValues<char> Currency = SearchValues.Create("$€£¥₹₩");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsApostrophe(char c) => c is '\'' or '’' or '`';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsTerminal(char c) => c is '.' or '!' or '?' or '…' or '。' or '！' or '？';
}
