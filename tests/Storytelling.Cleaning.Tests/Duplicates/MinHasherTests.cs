using Storytelling.Cleaning.Duplicates;

namespace Storytelling.Cleaning.Tests.Duplicates;

public sealed class MinHasherTests
{
    private const string Pangram = "The quick brown fox jumps over the lazy dog while the farmer sleeps in the barn.";

    private const string Storm =
        "Heavy rain flooded the river valley of Ostmark on Sunday, forcing more than 3,000 people from their homes, " +
        "the regional fire service said. The river rose two meters in six hours after a week of storms, breaking a dam " +
        "near the village of Lenz. Trains between Ostmark and the capital were cancelled and schools will stay closed " +
        "on Monday. Forecasters expect the rain to ease by Tuesday, but warned that water levels downstream would keep " +
        "rising for another two days.";

    // The same story as a second outlet ran it: a byline, one number and two phrases changed.
    private const string StormCopy =
        "By a staff reporter. Heavy rain flooded the river valley of Ostmark on Sunday, forcing more than 3,500 people from their homes, " +
        "the regional fire service said. The river rose two meters in six hours after a week of storms, breaking a dam " +
        "near the village of Lenz. Trains between Ostmark and the capital were cancelled and schools will stay closed " +
        "on Monday. Forecasters expect the rain to ease by Tuesday, but warned that water levels downstream would keep " +
        "rising for another two days.";

    private const string Election =
        "Voters in the northern districts elected a new mayor on Sunday after a campaign dominated by housing costs. " +
        "The winner, a former teacher, promised to build 5,000 flats in four years and to cut bus fares. Turnout was " +
        "the highest in two decades, the election office said, and counting finished shortly after midnight.";

    [Fact]
    public void Signatures_and_band_keys_are_the_same_in_every_process_and_release()
    {
        // Stored band keys are compared with those of documents cleaned later, maybe by a newer build:
        // a change to these values would silently stop matching every stored document.
        var hasher = new MinHasher(new NearDuplicateOptions());

        var signature = hasher.Signature(Pangram);
        var keys = hasher.BandKeys(signature);

        Assert.Equal(128, signature.Length);
        Assert.Equal(32, keys.Length);
        Assert.Equal([111972350UL, 301418861UL, 157041330UL], signature[..3]);
        Assert.Equal([4871844991717923944L, -5115695846694520905L, 9133132004300945311L], keys[..3]);
    }

    [Fact]
    public void A_lightly_edited_copy_shares_band_keys_and_scores_above_the_threshold()
    {
        var hasher = new MinHasher(new NearDuplicateOptions());
        var original = hasher.Signature(Storm);
        var copy = hasher.Signature(StormCopy);

        Assert.InRange(hasher.Estimate(original, copy), 0.8, 0.99);
        Assert.NotEmpty(hasher.BandKeys(original).Intersect(hasher.BandKeys(copy)));
    }

    [Fact]
    public void A_different_story_shares_no_band_key_and_scores_near_zero()
    {
        var hasher = new MinHasher(new NearDuplicateOptions());
        var storm = hasher.Signature(Storm);
        var election = hasher.Signature(Election);

        Assert.True(hasher.Estimate(storm, election) < 0.05);
        Assert.Empty(hasher.BandKeys(storm).Intersect(hasher.BandKeys(election)));
    }

    [Fact]
    public void Case_whitespace_and_punctuation_change_neither_signature_nor_content_hash()
    {
        var hasher = new MinHasher(new NearDuplicateOptions());
        var shouted = "  " + Storm.ToUpperInvariant().Replace(", ", " ; ", StringComparison.Ordinal) + "\n";

        Assert.Equal(hasher.Signature(Storm), hasher.Signature(shouted));
        Assert.Equal(MinHasher.ContentHash(Storm), MinHasher.ContentHash(shouted));
        Assert.Equal(NearDuplicateDetector.ContentHash(Storm), MinHasher.ContentHash(Storm));
        Assert.NotEqual(MinHasher.ContentHash(Storm), MinHasher.ContentHash(StormCopy));
    }

    [Fact]
    public void Signatures_of_other_settings_are_refused_rather_than_compared()
    {
        var standard = new MinHasher(new NearDuplicateOptions());
        var small = new MinHasher(new NearDuplicateOptions { Permutations = 64, Bands = 16 });

        var error = Assert.Throws<ArgumentException>(() => standard.Estimate(standard.Signature(Storm), small.Signature(Storm)));

        Assert.Contains("64 values", error.Message, StringComparison.Ordinal);
        Assert.Contains("128", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => standard.BandKeys(small.Signature(Storm)));
    }

    [Fact]
    public void Permutations_that_do_not_divide_into_bands_are_refused_naming_both_settings()
    {
        var error = Assert.Throws<ArgumentException>(() => new MinHasher(new NearDuplicateOptions { Permutations = 100, Bands = 32 }));

        Assert.Contains("minhash_permutations (100)", error.Message, StringComparison.Ordinal);
        Assert.Contains("lsh_bands (32)", error.Message, StringComparison.Ordinal);
    }
}
