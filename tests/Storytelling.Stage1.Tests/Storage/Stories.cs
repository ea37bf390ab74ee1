namespace Storytelling.Stage1.Tests.Storage;

/// <summary>
/// Texts for duplicate tests. The crafted wire stories share the test database only with the test that uses them;
/// every other test makes stories of its own from random words, so no two tests' documents are near-duplicates.
/// </summary>
internal static class Stories
{
    public const string Wire =
        "A strong earthquake struck the coastal province of Veranda early on Tuesday, killing at least 14 people and " +
        "injuring more than 200, the national disaster agency said. The quake, with a magnitude of 6.8, hit at 4:12 a.m. " +
        "local time about 30 kilometers south of the port city of Malvo, according to the geological survey. Rescue teams " +
        "were searching collapsed buildings in the old town, where several houses and a school were destroyed. Power was " +
        "cut across much of the province and the main coastal road was closed by landslides. The governor declared a state " +
        "of emergency and asked the army for help. Aftershocks continued through the morning, and residents spent the night " +
        "in parks and on football fields. The agency said the number of victims could rise as rescuers reach remote villages.";

    // The wire story as another outlet ran it: a dateline, a changed figure, two reworded phrases.
    public const string Reworded =
        "MALVO (Northern Wire) - A strong earthquake struck the coastal province of Veranda early on Tuesday, killing at least 15 people and " +
        "injuring more than 200, the national disaster agency said. The quake, with a magnitude of 6.8, hit at 4:12 a.m. " +
        "local time about 30 kilometers south of the port city of Malvo, according to the geological survey. Rescue teams " +
        "were searching collapsed buildings in the historic town centre, where several houses and a school were destroyed. Power was " +
        "cut across much of the province and the main coastal road was closed by landslides. The governor declared a state " +
        "of emergency and asked the army for help. Aftershocks continued through the morning, and residents spent the night " +
        "in parks and on football fields. The agency warned the number of victims could rise as rescuers reach remote villages.";

    // A different earthquake, told with much of the same vocabulary.
    public const string OtherQuake =
        "A moderate earthquake shook the mountain region of Kestor on Saturday evening, damaging dozens of homes but causing " +
        "no deaths, officials said. The magnitude 5.4 quake struck at 7:40 p.m. near the town of Ardel, the geological survey " +
        "reported. Several people were treated for minor injuries after a church roof partly collapsed during a wedding. " +
        "Schools in the region will stay closed on Monday while engineers inspect the buildings. The regional government " +
        "said power had been restored to most villages by midnight and that the mountain pass would reopen after checks.";

    /// <summary>A story of 300 random words that no other call returns (nor anything near it).</summary>
    public static string Unique()
    {
        var random = Random.Shared;
        var words = new string[300];
        for (var i = 0; i < words.Length; i++)
        {
            var length = random.Next(3, 9);
            words[i] = string.Create(length, random, (span, r) =>
            {
                for (var c = 0; c < span.Length; c++)
                {
                    span[c] = (char)('a' + r.Next(26));
                }
            });
        }

        return string.Join(' ', words) + ".";
    }

    /// <summary>The story with three words replaced (estimated similarity about 0.94: a near-duplicate).</summary>
    public static string Edited(string story)
    {
        var words = story.Split(' ');
        foreach (var i in new[] { 40, 150, 260 })
        {
            words[i] = "edited";
        }

        return string.Join(' ', words);
    }

    /// <summary>The story with one word replaced, a different one per variant (two variants are about 0.96 similar).</summary>
    public static string Variant(string story, int variant)
    {
        var words = story.Split(' ');
        words[20 + (variant * 37 % 260)] = $"variant{variant}";
        return string.Join(' ', words);
    }
}
