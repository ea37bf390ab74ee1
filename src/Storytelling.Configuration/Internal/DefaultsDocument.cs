using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;
using YamlDotNet.RepresentationModel;

namespace Storytelling.Configuration.Internal;

/// <summary>
/// The built-in <c>config/settings.yaml</c> as written: every leaf key in file order with its raw value (placeholders
/// not expanded), its kind and the comment at the end of its line, and the comment of each nested section.
/// </summary>
internal sealed class DefaultsDocument
{
    private DefaultsDocument(List<DefaultEntry> entries, Dictionary<string, string> sectionComments)
    {
        Entries = entries;
        SectionComments = sectionComments;
    }

    public IReadOnlyList<DefaultEntry> Entries { get; }

    /// <summary>Comments on the line of a key that holds a mapping (<c>stage1.backpressure</c>), by dotted key.</summary>
    public IReadOnlyDictionary<string, string> SectionComments { get; }

    public static DefaultsDocument Load()
    {
        var text = ReadEmbedded();
        var comments = InlineComments(text);
        var stream = new YamlStream();
        using (var reader = new StringReader(text))
        {
            stream.Load(reader);
        }

        var entries = new List<DefaultEntry>();
        var sectionComments = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk((YamlMappingNode)stream.Documents[0].RootNode, "", comments, entries, sectionComments);
        return new DefaultsDocument(entries, sectionComments);
    }

    private static void Walk(YamlMappingNode mapping, string section, Dictionary<long, string> comments, List<DefaultEntry> entries, Dictionary<string, string> sectionComments)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = section.Length == 0 ? ((YamlScalarNode)keyNode).Value ?? "" : $"{section}.{((YamlScalarNode)keyNode).Value}";
            var comment = comments.GetValueOrDefault(keyNode.Start.Line, "");
            switch (value)
            {
                case YamlMappingNode nested:
                    sectionComments[key] = comment;
                    Walk(nested, key, comments, entries, sectionComments);
                    break;
                case YamlSequenceNode sequence:
                    var items = sequence.Children.Select(item => ((YamlScalarNode)item).Value ?? "").ToArray();
                    entries.Add(new DefaultEntry(section, key, "[" + string.Join(", ", items) + "]", SettingKind.List, comment));
                    break;
                case YamlScalarNode scalar:
                    entries.Add(new DefaultEntry(section, key, scalar.Value ?? "", YamlSettingsReader.KindOf(scalar), comment));
                    break;
            }
        }
    }

    private static Dictionary<long, string> InlineComments(string text)
    {
        var comments = new Dictionary<long, string>();
        var scanner = new Scanner(new StringReader(text), skipComments: false);
        while (scanner.MoveNext())
        {
            if (scanner.Current is Comment { IsInline: true } comment)
            {
                comments[comment.Start.Line] = comment.Value.Trim();
            }
        }

        return comments;
    }

    private static string ReadEmbedded()
    {
        using var stream = typeof(DefaultsDocument).Assembly.GetManifestResourceStream(YamlSettingsReader.DefaultsResource)
            ?? throw new InvalidOperationException($"The built-in config/settings.yaml is missing from {typeof(DefaultsDocument).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
