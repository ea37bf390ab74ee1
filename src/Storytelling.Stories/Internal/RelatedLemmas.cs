using System.Collections.Frozen;

namespace Storytelling.Stories.Internal;

/// <summary>
/// Pairs of trigger lemmas that may name the same event (synonyms and verb-noun derivations), read once from the
/// embedded <c>Resources/related-lemmas.tsv</c> derived from WordNet 3.0 (see <c>make_related_lemmas.py</c>).
/// </summary>
internal static class RelatedLemmas
{
    private const string ResourceName = "Storytelling.Stories.Resources.related-lemmas.tsv";

    private static readonly Lazy<FrozenDictionary<string, string[]>> Table = new(Load);

    /// <summary>The lemmas related to <paramref name="lemma"/> (never itself); empty when none.</summary>
    public static IReadOnlyList<string> Of(string lemma) => Table.Value.TryGetValue(lemma, out var related) ? related : [];

    public static bool AreRelated(string a, string b) => Table.Value.TryGetValue(a, out var related) && Array.IndexOf(related, b) >= 0;

    private static FrozenDictionary<string, string[]> Load()
    {
        using var stream = typeof(RelatedLemmas).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from {typeof(RelatedLemmas).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var pairs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new InvalidDataException($"{ResourceName}:{lineNumber}: expected 'lemma<TAB>lemma', got '{line}'.");
            }

            string a = line[..tab], b = line[(tab + 1)..];
            Add(pairs, a, b);
            Add(pairs, b, a);
        }

        return pairs.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, List<string>> pairs, string from, string to)
    {
        if (!pairs.TryGetValue(from, out var list))
        {
            pairs[from] = list = [];
        }

        list.Add(to);
    }
}
