using Storytelling.Cleaning.Steps;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;

namespace Storytelling.Cleaning.Tests.Steps;

public sealed class LanguageStepTests
{
    private const string English = "Heavy rain and a storm surge flooded the harbor district of Port Avel on Sunday night, forcing about 300 residents from their homes.";

    private static readonly LanguageStep Step = new(new ModelStore().Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load));

    [Fact]
    public void The_language_is_detected_when_none_is_given()
    {
        var decision = Step.Identify(English, null);

        Assert.Equal("en", decision.Language);
        Assert.Equal("en", decision.Detected);
        Assert.False(decision.Disagrees);
    }

    [Fact]
    public void A_given_language_is_kept_and_a_disagreement_recorded()
    {
        var decision = Step.Identify(English, "de-DE");

        Assert.Equal("de", decision.Language);
        Assert.Equal("en", decision.Detected);
        Assert.True(decision.Disagrees);
    }

    [Fact]
    public void A_matching_given_language_does_not_disagree()
    {
        var decision = Step.Identify(English, "EN_us");

        Assert.Equal("en", decision.Language);
        Assert.False(decision.Disagrees);
    }

    [Fact]
    public void Only_the_first_two_thousand_characters_are_read()
    {
        var text = string.Concat(Enumerable.Repeat(English + " ", 20)) + string.Concat(Enumerable.Repeat("Das Unwetter hat den Hafen überflutet und viele Häuser beschädigt. ", 200));

        Assert.Equal("en", Step.Identify(text, null).Detected);
    }
}
