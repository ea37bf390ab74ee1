using System.Globalization;
using Storytelling.Nlp.Corpora.Internal;

namespace Storytelling.Nlp.Corpora;

/// <summary>
/// Streams IOB2 sentences in the Universal NER layout: one token per line, <c>id TAB form TAB tag</c> (further
/// columns are ignored), ids counting from 1 within the sentence, tags <c>O</c>, <c>B-TYPE</c> or <c>I-TYPE</c>;
/// <c># newdoc id</c>, <c># sent_id</c> and <c># text</c> comments; a blank line between sentences. An <c>I-</c>
/// tag that does not continue an entity of its type is kept as read (it starts an entity when spans are built).
/// A malformed line throws <see cref="FormatException"/> naming the source and line.
/// </summary>
public static class Iob2Reader
{
    public static IEnumerable<Iob2Sentence> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IOB2 file '{path}' does not exist.", path);
        }

        return ReadFileCore(path);
    }

    public static IEnumerable<Iob2Sentence> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var forms = new List<string>();
        var tags = new List<string>();
        string? id = null, text = null;
        bool newDoc = false;
        int lineNumber = 0, firstLine = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                if (forms.Count > 0)
                {
                    yield return new Iob2Sentence(id, text, [.. forms], [.. tags], newDoc, source, firstLine);
                    forms.Clear();
                    tags.Clear();
                    id = text = null;
                    newDoc = false;
                    firstLine = 0;
                }

                continue;
            }

            if (firstLine == 0)
            {
                firstLine = lineNumber;
            }

            if (line[0] == '#')
            {
                if (forms.Count > 0)
                {
                    throw Error(source, lineNumber, "a comment inside a sentence (a blank line must end the sentence first)");
                }

                ReadComment(line.AsSpan(1).TrimStart(), ref id, ref text, ref newDoc);
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length < 3)
            {
                throw Error(source, lineNumber, $"expected at least 3 tab-separated columns (id, form, tag), found {columns.Length}");
            }

            if (!int.TryParse(columns[0], NumberStyles.None, CultureInfo.InvariantCulture, out int tokenId) || tokenId != forms.Count + 1)
            {
                throw Error(source, lineNumber, $"token id '{columns[0]}' is not the next token id {forms.Count + 1}");
            }

            if (columns[1].Length == 0)
            {
                throw Error(source, lineNumber, "empty token form");
            }

            string tag = columns[2];
            if (!IsTag(tag))
            {
                throw Error(source, lineNumber, $"tag '{tag}' is not O, B-TYPE or I-TYPE");
            }

            forms.Add(columns[1]);
            tags.Add(tag == "O" ? "O" : string.Intern(tag));
        }

        if (forms.Count > 0)
        {
            yield return new Iob2Sentence(id, text, [.. forms], [.. tags], newDoc, source, firstLine);
        }
    }

    private static IEnumerable<Iob2Sentence> ReadFileCore(string path)
    {
        using var reader = new StreamReader(path);
        foreach (var sentence in Read(reader, path))
        {
            yield return sentence;
        }
    }

    private static bool IsTag(string tag) =>
        tag == "O" || (tag.Length > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-' && !tag.AsSpan(2).ContainsAny(" \t"));

    private static void ReadComment(ReadOnlySpan<char> body, ref string? id, ref string? text, ref bool newDoc)
    {
        if (CommentLine.TryValue(body, "sent_id", out var value))
        {
            id = value;
        }
        else if (CommentLine.TryValue(body, "text", out value))
        {
            text = value;
        }
        else if (body.StartsWith("newdoc", StringComparison.Ordinal))
        {
            newDoc = true;
        }
    }

    private static FormatException Error(string source, int line, string problem) => new($"{source}:{line}: {problem}.");
}
