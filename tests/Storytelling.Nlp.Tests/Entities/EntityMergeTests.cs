using Storytelling.Nlp.Entities;

namespace Storytelling.Nlp.Tests.Entities;

public sealed class EntityMergeTests
{
    private static EntitySpan Span(int start, int end, string type) => new(start, end, type, start * 10, end * 10, 1f);

    [Fact]
    public void A_learned_span_wins_over_an_overlapping_rule_span()
    {
        var merged = EntityMerge.Merge([Span(2, 4, "ORG")], [Span(3, 4, "CARDINAL"), Span(5, 6, "DATE")]);
        Assert.Equal([Span(2, 4, "ORG"), Span(5, 6, "DATE")], merged);
    }

    [Fact]
    public void Rule_spans_that_touch_but_do_not_overlap_learned_spans_stay_and_the_result_is_ordered()
    {
        var merged = EntityMerge.Merge([Span(1, 2, "PER"), Span(6, 8, "LOC")], [Span(0, 1, "DATE"), Span(2, 3, "MONEY"), Span(8, 9, "CARDINAL")]);
        Assert.Equal(["DATE", "PER", "MONEY", "LOC", "CARDINAL"], merged.Select(s => s.Type));
    }

    [Fact]
    public void Of_overlapping_rule_spans_the_earlier_then_longer_one_stays()
    {
        var merged = EntityMerge.Merge([], [Span(0, 1, "CARDINAL"), Span(0, 3, "DATE"), Span(2, 4, "TIME"), Span(4, 5, "PERCENT")]);
        Assert.Equal([Span(0, 3, "DATE"), Span(4, 5, "PERCENT")], merged);
    }
}
