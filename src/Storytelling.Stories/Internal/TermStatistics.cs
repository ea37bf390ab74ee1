namespace Storytelling.Stories.Internal;

/// <summary>Incremental document frequencies: every document adds its distinct keys once; IDF = ln((N + 1) / (df + 1)) + 1.</summary>
internal sealed class TermStatistics
{
    private readonly Dictionary<string, int> frequencies = new(StringComparer.Ordinal);

    public int Documents { get; private set; }

    public void Add(IEnumerable<string> distinctKeys)
    {
        Documents++;
        foreach (var key in distinctKeys)
        {
            ref int df = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(frequencies, key, out _);
            df++;
        }
    }

    public int Frequency(string key) => frequencies.GetValueOrDefault(key);

    /// <summary>The engine's copy of <paramref name="key"/> when a document used it, so records share one string per term.</summary>
    public string Intern(string key) =>
        frequencies.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out string? known, out _) ? known : key;

    public double Idf(string key) => Math.Log((Documents + 1.0) / (frequencies.GetValueOrDefault(key) + 1.0)) + 1.0;
}
