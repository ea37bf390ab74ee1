using System.Globalization;
using Storytelling.Cleaning.Steps;

namespace Storytelling.Cleaning.Tests.Steps;

public sealed class DateNormalizerTests
{
    private static readonly DateTimeOffset Ingested = new(2026, 4, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly DateNormalizer _normalizer = new(TimeSpan.FromMinutes(10));

    [Theory]
    [InlineData("2026-03-03T12:05:00Z", "2026-03-03T12:05:00Z")]
    [InlineData("2026-03-03T12:05:00.250Z", "2026-03-03T12:05:00.25Z")]
    [InlineData("2026-03-03T12:05:00+01:00", "2026-03-03T11:05:00Z")]
    [InlineData("2026-03-03T12:05:00-0500", "2026-03-03T17:05:00Z")]
    [InlineData("2026-03-03T12:05+02", "2026-03-03T10:05:00Z")]
    [InlineData("Tue, 03 Mar 2026 12:05:00 GMT", "2026-03-03T12:05:00Z")]
    [InlineData("Tue, 3 Mar 2026 12:05:00 +0100", "2026-03-03T11:05:00Z")]
    [InlineData("Tue, 03 Mar 26 12:05:00 EST", "2026-03-03T17:05:00Z")]
    [InlineData("3 March 2026 09:00 CET", "2026-03-03T08:00:00Z")]
    [InlineData("3 July 2025 09:00 CEST", "2025-07-03T07:00:00Z")]
    [InlineData("July 3, 2025 9:30 AM PDT", "2025-07-03T16:30:00Z")]
    [InlineData("July 3, 2025 14:30 BST", "2025-07-03T13:30:00Z")]
    [InlineData("March 3, 2026 10:00 UTC", "2026-03-03T10:00:00Z")]
    [InlineData("Mar 3, 2026 10:00 PST", "2026-03-03T18:00:00Z")]
    [InlineData("1772539500", "2026-03-03T12:05:00Z")]
    [InlineData("1772539500000", "2026-03-03T12:05:00Z")]
    public void Dates_with_a_zone_become_utc(string raw, string expectedUtc)
    {
        var result = _normalizer.Normalize(raw, Ingested);

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), result.PublishedAt);
        Assert.Equal(TimeSpan.Zero, result.PublishedAt!.Value.Offset);
        Assert.Empty(result.Flags);
    }

    [Theory]
    [InlineData("2026-03-03", "2026-03-03T00:00:00Z")]
    [InlineData("2026-03-03 12:05", "2026-03-03T12:05:00Z")]
    [InlineData("March 3, 2026", "2026-03-03T00:00:00Z")]
    [InlineData("3 March 2026", "2026-03-03T00:00:00Z")]
    [InlineData("03/03/2026", "2026-03-03T00:00:00Z")]
    [InlineData("25/03/2026", "2026-03-25T00:00:00Z")]
    [InlineData("03/25/2026 14:30", "2026-03-25T14:30:00Z")]
    [InlineData("4.3.2026", "2026-03-04T00:00:00Z")]
    public void Dates_without_a_zone_are_taken_as_utc_and_flagged(string raw, string expectedUtc)
    {
        var result = _normalizer.Normalize(raw, Ingested);

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), result.PublishedAt);
        Assert.Contains(DateNormalizer.AssumedUtc, result.Flags);
    }

    [Fact]
    public void Slash_dates_are_month_first_and_flagged_when_ambiguous()
    {
        var result = _normalizer.Normalize("04/03/2026", Ingested);

        Assert.Equal(new DateTimeOffset(2026, 4, 3, 0, 0, 0, TimeSpan.Zero), result.PublishedAt);
        Assert.Contains(DateNormalizer.AmbiguousDayMonth, result.Flags);
        Assert.DoesNotContain(DateNormalizer.AmbiguousDayMonth, _normalizer.Normalize("13/03/2026", Ingested).Flags);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-45")]
    [InlineData("31/02/2026")]
    [InlineData("13/13/2026")]
    [InlineData("March 3rd-ish")]
    public void Unparseable_dates_are_flagged_with_the_value(string raw)
    {
        var result = _normalizer.Normalize(raw, Ingested);

        Assert.Null(result.PublishedAt);
        Assert.Equal([DateNormalizer.UnparseableDate], result.Flags);
        Assert.Contains(raw, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_date_is_null_without_flags()
    {
        var result = _normalizer.Normalize("  ", Ingested);

        Assert.Null(result.PublishedAt);
        Assert.Empty(result.Flags);
    }

    [Fact]
    public void A_date_after_ingestion_plus_tolerance_is_flagged_and_not_trusted()
    {
        var result = _normalizer.Normalize("2026-04-10T12:11:00Z", Ingested);

        Assert.Null(result.PublishedAt);
        Assert.Equal(new DateTimeOffset(2026, 4, 10, 12, 11, 0, TimeSpan.Zero), result.Parsed);
        Assert.Contains(DateNormalizer.FutureDate, result.Flags);
        Assert.Contains("10 minutes", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_within_the_tolerance_is_trusted()
    {
        var result = _normalizer.Normalize("2026-04-10T13:09:00+01:00", Ingested);

        Assert.Equal(new DateTimeOffset(2026, 4, 10, 12, 9, 0, TimeSpan.Zero), result.PublishedAt);
        Assert.DoesNotContain(DateNormalizer.FutureDate, result.Flags);
    }
}
