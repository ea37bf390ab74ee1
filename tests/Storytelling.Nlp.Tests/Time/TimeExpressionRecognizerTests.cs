using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Time;

namespace Storytelling.Nlp.Tests.Time;

public sealed partial class TimeExpressionRecognizerTests
{
    [Theory]
    [InlineData("It happened on 5 March 2024.", true, TimeAnchor.None, "None")]
    [InlineData("They arrived yesterday.", true, TimeAnchor.PublicationDate, "PastRelative")]
    [InlineData("They arrived yesterday.", false, TimeAnchor.None, "AnchorMissing, PastRelative")]
    [InlineData("They leave tomorrow.", true, TimeAnchor.PublicationDate, "FutureRelative")]
    [InlineData("Today the council met.", true, TimeAnchor.PublicationDate, "None")]
    [InlineData("The shop closed on Tuesday.", true, TimeAnchor.PublicationDate, "PastRelative, DirectionFromTense")]
    [InlineData("The shop will open on Tuesday.", true, TimeAnchor.PublicationDate, "FutureRelative, DirectionFromTense")]
    [InlineData("He left last Tuesday.", true, TimeAnchor.PublicationDate, "PastRelative")]
    [InlineData("He left last Tuesday.", false, TimeAnchor.None, "AnchorMissing, PastRelative")]
    [InlineData("In November, the company said it had cut jobs.", true, TimeAnchor.PublicationDate, "PastRelative, DirectionFromTense, YearInferred")]
    [InlineData("In March the river flooded.", true, TimeAnchor.PublicationDate, "DirectionFromTense, YearInferred")]
    [InlineData("Last March the river flooded.", true, TimeAnchor.PublicationDate, "PastRelative, YearInferred")]
    [InlineData("The form is dated 03/05/2024.", true, TimeAnchor.None, "AmbiguousDayMonth")]
    [InlineData("The form is dated 25/12/2023.", true, TimeAnchor.None, "None")]
    [InlineData("In early 2019 the plan changed.", true, TimeAnchor.None, "Approximate")]
    [InlineData("The talks lasted about three weeks.", true, TimeAnchor.None, "Approximate")]
    [InlineData("Earlier this month the firm cut jobs.", true, TimeAnchor.PublicationDate, "PastRelative")]
    [InlineData("Later this year the firm will cut jobs.", true, TimeAnchor.PublicationDate, "FutureRelative")]
    [InlineData("It has grown over the past five years.", false, TimeAnchor.None, "AnchorMissing, PastRelative")]
    [InlineData("The strike lasted three hours.", false, TimeAnchor.None, "None")]
    [InlineData("The council meets every Monday.", false, TimeAnchor.None, "None")]
    public void The_anchor_and_flags_say_how_a_value_was_reached(string text, bool anchored, TimeAnchor anchor, string flags)
    {
        var expression = Assert.Single(TimeExpressionRecognizer.Find(text, anchored ? Thursday : null));
        Assert.Equal((anchor, flags), (expression.Anchor, expression.Flags.ToString()));
    }

    [Fact]
    public void Intervals_are_in_the_anchor_offset_and_the_anchor_day_is_its_local_day()
    {
        var lateEvening = new DateTimeOffset(2024, 3, 7, 23, 30, 0, TimeSpan.FromHours(-5));
        var expression = Assert.Single(TimeExpressionRecognizer.Find("They arrived yesterday.", lateEvening));
        Assert.Equal("2024-03-06", expression.Value);
        Assert.Equal(new TimeInterval(new DateTimeOffset(2024, 3, 6, 0, 0, 0, TimeSpan.FromHours(-5)), new DateTimeOffset(2024, 3, 7, 0, 0, 0, TimeSpan.FromHours(-5))), expression.Interval);
    }

    [Fact]
    public void A_time_with_a_zone_keeps_the_zone_offset_when_joined_to_a_day()
    {
        var expression = Assert.Single(TimeExpressionRecognizer.Find("The raid began at 0600 GMT on Tuesday.", new DateTimeOffset(2024, 3, 7, 10, 0, 0, TimeSpan.FromHours(2))));
        Assert.Equal("2024-03-05T06:00Z", expression.Value);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 6, 0, 0, TimeSpan.Zero), expression.Interval!.Value.Begin);
        Assert.Equal(TimeSpan.FromMinutes(1), expression.Interval.Value.Length);
    }

    [Fact]
    public void Offsets_cover_exactly_the_expression_text_in_a_longer_article()
    {
        const string text = "PARIS (Reuters) - Police said on Tuesday that a fire broke out at 2:30 a.m. Sunday and burned for three hours.\n\n"
            + "The museum, founded in 1984, will reopen next month. Visits resume every Monday from 10:00.";
        var found = TimeExpressionRecognizer.Find(text, Thursday);
        Assert.Equal(
            ["Tuesday", "2:30 a.m. Sunday", "three hours", "1984", "next month", "every Monday", "10:00"],
            found.Select(e => e.Text));
        Assert.All(found, e => Assert.Equal(e.Text, text[e.Start..e.End]));
        Assert.Equal(found.OrderBy(e => e.Start), found);
    }

    [Fact]
    public void Many_threads_get_the_same_answers_as_one()
    {
        string[] texts =
        [
            "They met Tuesday at 3 p.m. in Paris.", "Sales fell last year.", "The 1990s were loud.", "He left two days ago.",
            "Buses run every two weeks.", "In March the river flooded.", "The form is dated 03/05/2024.",
        ];
        var expected = texts.Select(t => Describe(t, Thursday)).ToArray();
        var results = new string[texts.Length * 200];
        Parallel.For(0, results.Length, i => results[i] = Describe(texts[i % texts.Length], Thursday));
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % texts.Length], results[i]);
        }
    }

    [Fact]
    public void The_pipeline_component_fills_the_document_layer_anchored_at_its_publication_date()
    {
        var pipeline = NlpPipeline.Create(["tokenizer", "sentences", TimeExpressionRecognizer.ComponentName], NlpComponentRegistry.CreateDefault(), new ModelStore(TestData.ModelsDirectory()));
        const string text = "The mayor resigned yesterday. A vote on her successor will be held next Tuesday at 10 a.m.";
        var document = new Document(text, "doc-time") { PublishedAt = Thursday };

        pipeline.Process(document);

        Assert.True(document.Annotations.HasFlag(Annotations.TimeExpressions));
        Assert.Equal(
            [(19, 28, "yesterday", "2024-03-06"), (67, 90, "next Tuesday at 10 a.m.", "2024-03-12T10:00")],
            document.TimeExpressions.Select(e => (e.Start, e.End, text[e.Start..e.End], e.Value)));
        Assert.All(document.TimeExpressions, e => Assert.Equal(TimeAnchor.PublicationDate, e.Anchor));
    }

    [Fact]
    public void A_document_without_a_publication_date_gets_unresolved_values_flagged_anchor_missing()
    {
        var document = new Document("The mayor resigned yesterday.", "no-date");
        new NlpPipeline([new TimeExpressionRecognizer()]).Process(document);
        var expression = Assert.Single(document.TimeExpressions);
        Assert.Equal(("XXXX-XX-XX", TimeAnchor.None, (TimeInterval?)null), (expression.Value, expression.Anchor, expression.Interval));
        Assert.True(expression.Flags.HasFlag(TimeExpressionTraits.AnchorMissing));
    }

    [Fact]
    public void The_document_refuses_time_expressions_that_overlap_or_do_not_match_its_text()
    {
        var document = new Document("Sales fell last year.", "bad");
        var lastYear = new TimeExpression(11, 20, "last year", TimeExpressionType.Date, "2023", null, TimeAnchor.PublicationDate, TimeExpressionTraits.PastRelative, 0.9f);
        var overlapping = lastYear with { Start = 16, Text = "year" };
        var wrongText = lastYear with { Text = "last week" };

        Assert.Contains("'bad'", Assert.Throws<ArgumentException>(() => document.SetTimeExpressions([lastYear, overlapping])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => document.SetTimeExpressions([wrongText]));
        document.SetTimeExpressions([lastYear]);
        Assert.Equal([lastYear], document.TimeExpressions);
    }

    [Fact]
    public void Every_recurrence_word_in_any_case_gives_a_set_and_never_throws()
    {
        string[] units =
        [
            "second", "minute", "hour", "day", "weekend", "week", "fortnight", "month", "quarter", "year", "decade",
            "morning", "afternoon", "evening", "night",
        ];
        string[] words =
        [
            .. units, .. units.Select(u => u + "s"), "spring", "summer", "autumn", "fall", "winter",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        ];
        foreach (var word in words)
        {
            foreach (var cased in (string[])[word.ToLowerInvariant(), char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant(), word.ToUpperInvariant()])
            {
                foreach (var lead in (string[])["every", "Every", "EVERY", "each other", "Every two"])
                {
                    var text = $"The office closes {lead} {cased} for cleaning.";
                    var found = TimeExpressionRecognizer.Find(text, null);
                    var set = found.Where(t => t.Type == TimeExpressionType.Set).ToList();
                    var isName = char.IsUpper(word[0]);
                    var month = Array.IndexOf(words, word) - Array.IndexOf(words, "January") + 1;
                    if (isName && (!char.IsUpper(cased[0]) || (month > 0 && cased.All(char.IsUpper))))
                    {
                        // Names are read only as written: "every march" is not the month, nor is an all-capitals month
                        // ("MAY", "MARCH" are too often words); all-capitals weekdays are read ("OPEN EVERY MONDAY").
                        continue;
                    }

                    Assert.True(set.Count == 1, $"'{text}': {string.Join("; ", found.Select(t => $"{t.Text}|{t.Type}|{t.Value}"))}");
                    var value = set[0].Value;
                    if (isName)
                    {
                        Assert.True(month > 0 ? value == $"XXXX-{month:D2}" : value.StartsWith("XXXX-WXX-", StringComparison.Ordinal), $"'{text}' gave {value}");
                    }
                    else
                    {
                        Assert.False(value.StartsWith("XXXX-WXX-", StringComparison.Ordinal) && !word.StartsWith("weekend", StringComparison.Ordinal), $"'{text}' gave {value}, a weekday");
                    }
                }
            }
        }
    }

    [Fact]
    public void The_component_is_registered_under_the_name_the_settings_use()
    {
        var component = NlpComponentRegistry.CreateDefault().Create("time_expressions", new ModelStore(TestData.ModelsDirectory()));
        Assert.IsType<TimeExpressionRecognizer>(component);
        Assert.Equal((Annotations.None, Annotations.TimeExpressions), (component.Requires, component.Produces));
    }
}
