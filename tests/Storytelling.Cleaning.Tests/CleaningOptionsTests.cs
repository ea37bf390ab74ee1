using Storytelling.Articles;
using Storytelling.Cleaning.Steps;
using Storytelling.Configuration;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;

namespace Storytelling.Cleaning.Tests;

public sealed class CleaningOptionsTests
{
    // 150 characters of ordinary English: too short for the default minimum (200), long enough for 100.
    private const string ShortStory = "The city council approved the new harbor wall on Monday after a long debate "
        + "about its costs, and work on the first section starts early in the spring.";

    private static readonly DateTimeOffset Ingested = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly LanguageIdentifier Languages = new ModelStore().Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load);

    private static Settings Load(Dictionary<string, string> environment) =>
        Settings.Load(new SettingsLoadOptions { Environment = environment, MachineName = "box" });

    private static CleaningOptions Bind(Dictionary<string, string> environment) =>
        Load(environment).Bind<CleaningOptions>(CleaningOptions.SectionName);

    [Fact]
    public void The_cleaning_keys_bind_from_the_stage1_section_beside_its_other_keys()
    {
        var options = Bind([]);

        Assert.Equal(200, options.MinTextChars);
        Assert.Equal(TimeSpan.FromMinutes(10), options.FutureDateTolerance);
        Assert.Equal(0.8, options.NearDuplicateThreshold);
        Assert.Equal(128, options.MinhashPermutations);
        Assert.Equal(32, options.LshBands);
    }

    [Fact]
    public void Lowering_min_text_chars_in_the_environment_lets_a_150_character_text_through()
    {
        Assert.Equal(150, ShortStory.Length);
        var strict = ArticleCleaner.Create(Bind([]), Languages);
        var lenient = ArticleCleaner.Create(Bind(new() { ["STORYTELLING__STAGE1__MIN_TEXT_CHARS"] = "100" }), Languages);

        Assert.False(strict.TryClean(Article(ShortStory), Ingested, out _, out var rejection));
        Assert.Equal(QualityFilter.TooShort, rejection.Code);
        Assert.Contains("at least 200", rejection.Reason, StringComparison.Ordinal);
        Assert.True(lenient.TryClean(Article(ShortStory), Ingested, out var document, out _));
        Assert.Equal(ShortStory, document.Text);
    }

    [Fact]
    public void Raising_the_future_date_tolerance_keeps_a_date_an_hour_ahead()
    {
        var article = Article(ShortStory + " " + ShortStory) with { PublishedAtRaw = "2026-03-10T13:00:00Z" };
        var strict = ArticleCleaner.Create(Bind([]), Languages);
        var lenient = ArticleCleaner.Create(Bind(new() { ["STORYTELLING__STAGE1__FUTURE_DATE_TOLERANCE_MINUTES"] = "120" }), Languages);

        Assert.True(strict.TryClean(article, Ingested, out var flagged, out _));
        Assert.Null(flagged.PublishedAt);
        Assert.Contains(DateNormalizer.FutureDate, flagged.DateFlags);
        Assert.True(lenient.TryClean(article, Ingested, out var kept, out _));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero), kept.PublishedAt);
        Assert.DoesNotContain(DateNormalizer.FutureDate, kept.DateFlags);
    }

    [Fact]
    public void Permutations_that_are_not_a_multiple_of_the_bands_name_both_keys()
    {
        var error = Assert.Throws<SettingsException>(() => Bind(new() { ["STORYTELLING__STAGE1__MINHASH_PERMUTATIONS"] = "130" }));

        var message = error.Message;
        Assert.Contains("stage1.minhash_permutations", message, StringComparison.Ordinal);
        Assert.Contains("'130'", message, StringComparison.Ordinal);
        Assert.Contains("STORYTELLING__STAGE1__MINHASH_PERMUTATIONS", message, StringComparison.Ordinal);
        Assert.Contains("multiple of stage1.lsh_bands (32)", message, StringComparison.Ordinal);
        Assert.Contains("128 or 160", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_range_band_count_is_refused_with_its_range()
    {
        var error = Assert.Throws<SettingsException>(() => Bind(new() { ["STORYTELLING__STAGE1__LSH_BANDS"] = "0" }));

        Assert.Contains("stage1.lsh_bands", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: 1 to 1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Near_duplicate_options_carry_the_bound_values()
    {
        var options = Bind(new()
        {
            ["STORYTELLING__STAGE1__NEAR_DUPLICATE_THRESHOLD"] = "0.65",
            ["STORYTELLING__STAGE1__MINHASH_PERMUTATIONS"] = "64",
            ["STORYTELLING__STAGE1__LSH_BANDS"] = "16",
        }).ToNearDuplicateOptions();

        Assert.Equal(0.65, options.Threshold);
        Assert.Equal(64, options.Permutations);
        Assert.Equal(16, options.Bands);
    }

    private static Article Article(string content) => new()
    {
        Id = "a-1",
        IdWasDerived = false,
        Content = content,
        ContentField = ContentField.Content,
        Origin = new InputLocation("test.jsonl", 1),
    };
}
