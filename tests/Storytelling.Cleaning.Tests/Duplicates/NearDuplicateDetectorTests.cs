using Storytelling.Cleaning.Duplicates;

namespace Storytelling.Cleaning.Tests.Duplicates;

public sealed class NearDuplicateDetectorTests
{
    private const string Wire =
        "A strong earthquake struck the coastal province of Veranda early on Tuesday, killing at least 14 people and " +
        "injuring more than 200, the national disaster agency said. The quake, with a magnitude of 6.8, hit at 4:12 a.m. " +
        "local time about 30 kilometers south of the port city of Malvo, according to the geological survey. Rescue teams " +
        "were searching collapsed buildings in the old town, where several houses and a school were destroyed. Power was " +
        "cut across much of the province and the main coastal road was closed by landslides. The governor declared a state " +
        "of emergency and asked the army for help. Aftershocks continued through the morning, and residents spent the night " +
        "in parks and on football fields. The agency said the number of victims could rise as rescuers reach remote villages.";

    // The same wire story re-published with small edits: a dateline, a changed figure, two reworded phrases.
    private const string Reworded =
        "MALVO (Northern Wire) - A strong earthquake struck the coastal province of Veranda early on Tuesday, killing at least 15 people and " +
        "injuring more than 200, the national disaster agency said. The quake, with a magnitude of 6.8, hit at 4:12 a.m. " +
        "local time about 30 kilometers south of the port city of Malvo, according to the geological survey. Rescue teams " +
        "were searching collapsed buildings in the historic town centre, where several houses and a school were destroyed. Power was " +
        "cut across much of the province and the main coastal road was closed by landslides. The governor declared a state " +
        "of emergency and asked the army for help. Aftershocks continued through the morning, and residents spent the night " +
        "in parks and on football fields. The agency warned the number of victims could rise as rescuers reach remote villages.";

    // A different earthquake, told with much of the same vocabulary.
    private const string OtherQuake =
        "A moderate earthquake shook the mountain region of Kestor on Saturday evening, damaging dozens of homes but causing " +
        "no deaths, officials said. The magnitude 5.4 quake struck at 7:40 p.m. near the town of Ardel, the geological survey " +
        "reported. Several people were treated for minor injuries after a church roof partly collapsed during a wedding. " +
        "Schools in the region will stay closed on Monday while engineers inspect the buildings. The regional government " +
        "said power had been restored to most villages by midnight and that the mountain pass would reopen after checks.";

    [Fact]
    public void Reworded_copy_of_a_wire_story_is_a_near_duplicate_of_the_original()
    {
        var detector = new NearDuplicateDetector();

        Assert.Null(detector.Add("original", Wire));
        var match = detector.Add("copy", Reworded);

        Assert.NotNull(match);
        Assert.Equal(DuplicateKind.Near, match.Kind);
        Assert.Equal("original", match.GroupId);
        Assert.Equal("original", match.MatchedDocumentId);
        Assert.InRange(match.Similarity, 0.8, 0.99);
    }

    [Fact]
    public void A_different_story_with_similar_words_stays_apart()
    {
        var detector = new NearDuplicateDetector();
        detector.Add("quake-1", Wire);

        Assert.Null(detector.Add("quake-2", OtherQuake));
        Assert.True(detector.Similarity(Wire, OtherQuake) < 0.1);
    }

    [Fact]
    public void Same_text_with_other_whitespace_case_and_punctuation_is_an_exact_duplicate()
    {
        var detector = new NearDuplicateDetector();
        detector.Add("a", Wire);

        var match = detector.Add("b", "  " + Wire.ToUpperInvariant().Replace(", ", " , ", StringComparison.Ordinal) + "\n\n");

        Assert.NotNull(match);
        Assert.Equal(DuplicateKind.Exact, match.Kind);
        Assert.Equal(NearDuplicateDetector.ContentHash(Wire), NearDuplicateDetector.ContentHash(Wire.ToUpperInvariant()));
    }

    [Fact]
    public void Duplicates_join_the_group_of_the_first_document()
    {
        var detector = new NearDuplicateDetector();
        detector.Add("first", Wire);
        detector.Add("second", Reworded);

        var third = detector.Add("third", Reworded + " Officials will give an update at noon.");

        Assert.Equal("first", third!.GroupId);
    }

    [Theory]
    [InlineData(0.95, false)]
    [InlineData(0.7, true)]
    public void Threshold_decides_what_counts_as_near(double threshold, bool expectMatch)
    {
        var detector = new NearDuplicateDetector(new NearDuplicateOptions { Threshold = threshold });
        detector.Add("original", Wire);

        Assert.Equal(expectMatch, detector.Add("copy", Reworded) is not null);
    }

    [Fact]
    public void Permutations_must_divide_into_bands()
    {
        Assert.Throws<ArgumentException>(() => new NearDuplicateDetector(new NearDuplicateOptions { Permutations = 100, Bands = 32 }));
    }

    [Fact]
    public async Task Concurrent_adds_put_every_document_in_exactly_one_group()
    {
        var detector = new NearDuplicateDetector();
        var stories = Enumerable.Range(0, 200).Select(i => (Id: $"d{i}", Text: i % 2 == 0 ? Wire + $" Update {i / 50}." : OtherQuake + $" Update {i / 50}.")).ToList();

        var matches = await Task.WhenAll(stories.Select(s => Task.Run(() => detector.Add(s.Id, s.Text))));

        Assert.Equal(200, detector.Count);
        Assert.InRange(matches.Count(m => m is null), 2, 8);
    }
}
