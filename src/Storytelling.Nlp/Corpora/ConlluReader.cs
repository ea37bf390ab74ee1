using System.Globalization;
using Storytelling.Nlp.Corpora.Internal;

namespace Storytelling.Nlp.Corpora;

/// <summary>
/// Streams CoNLL-U sentences. Comments give the sentence id, text and paragraph/document starts; range lines
/// (<c>3-4</c>) are kept as multiword tokens beside their words; empty nodes (<c>3.1</c>) are skipped.
/// A malformed line throws <see cref="FormatException"/> naming the source and line.
/// </summary>
public static class ConlluReader
{
    public static IEnumerable<ConlluSentence> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CoNLL-U file '{path}' does not exist.", path);
        }

        return ReadFileCore(path);
    }

    public static IEnumerable<ConlluSentence> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var words = new List<ConlluWord>();
        var multiwords = new List<ConlluMultiwordToken>();
        string? id = null;
        string? text = null;
        bool newPar = false, newDoc = false;
        int lineNumber = 0, firstLine = 0;
        ConlluMultiwordToken? openMultiword = null;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                if (words.Count > 0)
                {
                    yield return new ConlluSentence(id, text, [.. words], [.. multiwords], newPar || newDoc, newDoc, source, firstLine);
                }
                else if (multiwords.Count > 0)
                {
                    throw Error(source, lineNumber, "sentence has a multiword token but no words");
                }

                words.Clear();
                multiwords.Clear();
                id = text = null;
                newPar = newDoc = false;
                openMultiword = null;
                firstLine = 0;
                continue;
            }

            if (firstLine == 0)
            {
                firstLine = lineNumber;
            }

            if (line[0] == '#')
            {
                ReadComment(line, ref id, ref text, ref newPar, ref newDoc);
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length != 10)
            {
                throw Error(source, lineNumber, $"expected 10 tab-separated columns, found {columns.Length}");
            }

            string idColumn = columns[0];
            int dash = idColumn.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0)
            {
                if (!int.TryParse(idColumn.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int first)
                    || !int.TryParse(idColumn.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int last)
                    || last < first || first != words.Count + 1)
                {
                    throw Error(source, lineNumber, $"bad multiword token range '{idColumn}'");
                }

                openMultiword = new ConlluMultiwordToken(first, last, columns[1], !HasNoSpaceAfter(columns[9]));
                multiwords.Add(openMultiword);
                continue;
            }

            if (idColumn.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            if (!int.TryParse(idColumn, NumberStyles.None, CultureInfo.InvariantCulture, out int wordId) || wordId != words.Count + 1)
            {
                throw Error(source, lineNumber, $"word id '{idColumn}' is not the next word id {words.Count + 1}");
            }

            int head = 0;
            if (columns[6] != "_" && !int.TryParse(columns[6], NumberStyles.None, CultureInfo.InvariantCulture, out head))
            {
                throw Error(source, lineNumber, $"head '{columns[6]}' is not a number");
            }

            bool spaceAfter = !HasNoSpaceAfter(columns[9]);
            if (openMultiword != null && wordId >= openMultiword.FirstWord && wordId <= openMultiword.LastWord)
            {
                spaceAfter = wordId == openMultiword.LastWord && openMultiword.SpaceAfter;
            }

            words.Add(new ConlluWord(wordId, columns[1], columns[2], columns[3], columns[4], columns[5], head, columns[7], columns[9], spaceAfter));
        }

        if (words.Count > 0)
        {
            yield return new ConlluSentence(id, text, [.. words], [.. multiwords], newPar || newDoc, newDoc, source, firstLine);
        }
    }

    private static IEnumerable<ConlluSentence> ReadFileCore(string path)
    {
        using var reader = new StreamReader(path);
        foreach (var sentence in Read(reader, path))
        {
            yield return sentence;
        }
    }

    private static void ReadComment(string line, ref string? id, ref string? text, ref bool newPar, ref bool newDoc)
    {
        var body = line.AsSpan(1).TrimStart();
        if (CommentLine.TryValue(body, "sent_id", out var value))
        {
            id = value;
        }
        else if (CommentLine.TryValue(body, "text", out value))
        {
            text = value;
        }
        else if (body.StartsWith("newpar", StringComparison.Ordinal))
        {
            newPar = true;
        }
        else if (body.StartsWith("newdoc", StringComparison.Ordinal))
        {
            newDoc = true;
        }
    }

    private static bool HasNoSpaceAfter(string misc)
    {
        if (misc == "_")
        {
            return false;
        }

        foreach (var part in misc.Split('|'))
        {
            if (part == "SpaceAfter=No")
            {
                return true;
            }
        }

        return false;
    }

    private static FormatException Error(string source, int line, string problem) =>
        new($"{source}:{line}: {problem}.");
}
