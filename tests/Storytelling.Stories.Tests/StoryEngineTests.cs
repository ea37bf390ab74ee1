namespace Storytelling.Stories.Tests;

public sealed class StoryEngineTests
{
    private static StoryDocument ChileReport() => StoryDocuments.Make(
        "chile-1",
        "Strong earthquake hits southern Chile",
        "A magnitude 7.1 earthquake struck southern Chile near Concepcion on Tuesday, killing 12 people and damaging hundreds of buildings. "
        + "Rescue teams in Concepcion searched the rubble through the night, the Chilean interior ministry said.",
        "2024-03-05",
        ["Chile:LOC", "Concepcion:LOC"],
        ["earthquake:earthquake", "struck:strike", "killing:kill", "damaging:damage", "searched:search"],
        ["Concepcion"],
        "2024-03-05");

    private static StoryDocument ChileParaphrase() => StoryDocuments.Make(
        "chile-2",
        "Chile quake death toll rises to 15",
        "The death toll from the quake that shook Concepcion in southern Chile rose to 15 on Wednesday, a day after the tremor "
        + "flattened homes across the region. Rescuers in Concepcion pulled two survivors from the rubble.",
        "2024-03-06",
        ["Concepcion:LOC", "Chile:LOC"],
        ["death:death", "quake:quake", "shook:shake", "rose:rise", "tremor:tremor", "flattened:flatten", "pulled:pull"],
        ["Concepcion"],
        "2024-03-05");

    private static StoryDocument TurkeyReport() => StoryDocuments.Make(
        "turkey-1",
        "Earthquake rocks western Turkey",
        "A magnitude 6.4 earthquake struck western Turkey near Izmir on Friday, killing three people and injuring dozens. "
        + "Turkey's disaster agency AFAD said buildings collapsed in two districts of Izmir province.",
        "2024-03-15",
        ["Turkey:LOC", "Izmir:LOC", "AFAD:ORG"],
        ["earthquake:earthquake", "struck:strike", "killing:kill", "injuring:injure", "collapsed:collapse"],
        ["Izmir"],
        "2024-03-15");

    private static StoryDocument MarketReport() => StoryDocuments.Make(
        "markets-1",
        "Tech shares lift Wall Street to record close",
        "Shares of chip makers rallied on Thursday, lifting the Nasdaq and the S&P 500 to record closes as investors bet on "
        + "lower interest rates. Nvidia gained 4 percent while Apple added 1 percent.",
        "2024-03-07",
        ["Nasdaq:ORG", "Nvidia:ORG", "Apple:ORG"],
        ["rallied:rally", "lifting:lift", "gained:gain"]);

    [Fact]
    public void Paraphrased_reports_of_one_earthquake_share_a_storyline_and_an_event_cluster()
    {
        var engine = new StoryEngine(new StoryOptions());
        var first = engine.Add(ChileReport());
        var second = engine.Add(ChileParaphrase());

        Assert.Equal(first.StorylineId, second.StorylineId);
        string earthquake = engine.ClusterOf(StoryEvent.IdFor("chile-1", ChileReport().Events[0].Mention));
        Assert.Equal(earthquake, second.EventClusters[ChileParaphrase().Events[1].Id]);
        Assert.Equal(earthquake, second.EventClusters[ChileParaphrase().Events[4].Id]);
        var link = Assert.Single(second.Links, l => l.EventA == ChileParaphrase().Events[1].Id);
        Assert.True(link.Evidence.RelatedLemma);
        Assert.True(link.Evidence.PlaceCompatible);
        Assert.True(link.Evidence.TimeCompatible);
    }

    [Fact]
    public void Two_different_earthquakes_are_kept_in_separate_storylines_and_clusters()
    {
        var engine = new StoryEngine(new StoryOptions());
        var chile = engine.Add(ChileReport());
        var turkey = engine.Add(TurkeyReport());

        Assert.NotEqual(chile.StorylineId, turkey.StorylineId);
        Assert.True(turkey.Changes.Single().IsNew);
        Assert.Empty(turkey.Links);
        Assert.DoesNotContain(turkey.EventClusters.Values, chile.EventClusters.Values.Contains);
    }

    [Fact]
    public void Different_earthquakes_in_one_storyline_are_not_linked_when_places_and_times_differ()
    {
        var engine = new StoryEngine(new StoryOptions { StorylineThreshold = 0, LinkingTimeWindowDays = 3650, StorylineTimeWindowDays = 3650 });
        var chile = engine.Add(ChileReport());
        var turkey = engine.Add(TurkeyReport());

        Assert.Equal(chile.StorylineId, turkey.StorylineId);
        Assert.Empty(turkey.Links);
        Assert.NotEqual(chile.EventClusters["chile-1/e" + ChileReport().Events[0].Mention.TriggerStart], turkey.EventClusters[TurkeyReport().Events[0].Id]);
    }

    private static StoryDocument FloodReport(string id, string opening, string? published = null) => StoryDocuments.Make(
        id,
        "Floods hit northern Italy",
        opening + " Heavy rain flooded towns across the Po valley near Ferrara, forcing hundreds of families from their homes. "
        + "Civil protection teams in Ferrara evacuated residents by boat.",
        published,
        ["Po:LOC", "Ferrara:LOC"],
        ["flooded:flood", "evacuated:evacuate"],
        ["Ferrara"]);

    [Fact]
    public void Undated_reports_whose_datelines_are_years_apart_start_separate_storylines()
    {
        var engine = new StoryEngine(new StoryOptions());
        var first = engine.Add(FloodReport("flood-2008", "FERRARA, March 3, 2008 -"));
        var sameWeek = engine.Add(FloodReport("flood-2008-b", "FERRARA, March 6, 2008 -"));
        var yearsLater = engine.Add(FloodReport("flood-2013", "FERRARA, March 5, 2013 -"));

        Assert.Equal(first.StorylineId, sameWeek.StorylineId);
        Assert.NotEqual(first.StorylineId, yearsLater.StorylineId);
        Assert.True(yearsLater.Changes.Single().IsNew);
    }

    [Fact]
    public void A_dated_report_does_not_join_an_undated_storyline_whose_texts_state_years_long_before()
    {
        var engine = new StoryEngine(new StoryOptions());
        var undated = engine.Add(FloodReport("flood-a", "The worst floods since 2008."));
        engine.Add(FloodReport("flood-b", "As in 2008, the river broke its banks."));

        var sameYear = engine.Add(FloodReport("flood-c", "Officials counted the damage.", "2008-05-02"));
        var fiveYearsOn = new StoryEngine(new StoryOptions());
        fiveYearsOn.Add(FloodReport("flood-a", "The worst floods since 2008."));
        fiveYearsOn.Add(FloodReport("flood-b", "As in 2008, the river broke its banks."));
        var later = fiveYearsOn.Add(FloodReport("flood-c", "Officials counted the damage.", "2013-05-02"));

        Assert.Equal(undated.StorylineId, sameYear.StorylineId);
        Assert.NotEqual(undated.StorylineId, later.StorylineId);
    }

    [Fact]
    public void An_undated_report_stating_a_year_long_after_a_dated_storyline_starts_its_own()
    {
        var engine = new StoryEngine(new StoryOptions());
        var dated = engine.Add(FloodReport("flood-a", "Officials counted the damage.", "2008-03-05"));

        var sameYear = engine.Add(FloodReport("flood-b", "Rain returned in 2008."));
        var laterYear = engine.Add(FloodReport("flood-c", "Rain returned in 2013."));

        Assert.Equal(dated.StorylineId, sameYear.StorylineId);
        Assert.NotEqual(dated.StorylineId, laterYear.StorylineId);
    }

    [Fact]
    public void A_long_idle_storyline_is_frozen_but_keeps_its_version_documents_and_clusters()
    {
        var engine = new StoryEngine(new StoryOptions());
        var chile = engine.Add(ChileReport());
        string earthquake = chile.EventClusters[ChileReport().Events[0].Id];
        for (int i = 0; i < 2_000; i++)
        {
            engine.Add(StoryDocuments.Make(
                $"filler-{i}", $"Council notice {i}", $"Notice {i}: the council of district{i} published minutes{i}.", "2024-09-01", [], []));
        }

        var undatedParaphrase = engine.Add(ChileParaphrase() with { PublishedAt = null });

        Assert.NotEqual(chile.StorylineId, undatedParaphrase.StorylineId);
        var storyline = engine.Storylines.Single(s => s.Id == chile.StorylineId);
        Assert.Equal(1, storyline.Version);
        Assert.Equal(["chile-1"], storyline.DocumentIds);
        Assert.Equal(ChileReport().Events.Count, storyline.EventIds.Count);
        Assert.Equal(earthquake, engine.ClusterOf(ChileReport().Events[0].Id));
        Assert.Equal(chile.StorylineId, engine.StorylineOf("chile-1"));
    }

    [Fact]
    public void An_undated_paraphrase_joins_a_storyline_that_is_not_idle()
    {
        var engine = new StoryEngine(new StoryOptions());
        var chile = engine.Add(ChileReport());

        var undatedParaphrase = engine.Add(ChileParaphrase() with { PublishedAt = null });

        Assert.Equal(chile.StorylineId, undatedParaphrase.StorylineId);
    }

    [Fact]
    public void An_unrelated_document_leaves_other_storylines_unchanged()
    {
        var engine = new StoryEngine(new StoryOptions());
        engine.Add(ChileReport());
        engine.Add(TurkeyReport());
        var before = engine.Storylines;

        var update = engine.Add(MarketReport());

        var change = Assert.Single(update.Changes);
        Assert.True(change.IsNew);
        Assert.Equal(1, change.Storyline.Version);
        Assert.Equal(before, engine.Storylines.Take(before.Count));
    }

    [Fact]
    public void A_related_document_bumps_only_its_storylines_version_and_lists_what_it_added()
    {
        var engine = new StoryEngine(new StoryOptions());
        var chile = engine.Add(ChileReport());
        var turkey = engine.Add(TurkeyReport());
        var turkeyBefore = engine.Storylines.Single(s => s.Id == turkey.StorylineId);

        var update = engine.Add(ChileParaphrase());

        var change = Assert.Single(update.Changes);
        Assert.False(change.IsNew);
        Assert.Equal(chile.StorylineId, change.Storyline.Id);
        Assert.Equal(2, change.Storyline.Version);
        Assert.Equal(["chile-2"], change.AddedDocumentIds);
        Assert.Equal(ChileParaphrase().Events.Select(e => e.Id), change.AddedEventIds);
        Assert.Equal(["chile-1", "chile-2"], change.Storyline.DocumentIds);
        Assert.Equal(12, change.Storyline.EventIds.Count);
        Assert.Same(turkeyBefore, engine.Storylines.Single(s => s.Id == turkey.StorylineId));
    }

    [Fact]
    public void Storyline_ids_come_from_the_first_document_and_repeat_across_runs()
    {
        StoryUpdate[] Run()
        {
            var engine = new StoryEngine(new StoryOptions());
            return [engine.Add(ChileReport()), engine.Add(TurkeyReport()), engine.Add(ChileParaphrase()), engine.Add(MarketReport())];
        }

        var first = Run();
        var second = Run();

        Assert.Equal(first.Select(u => u.StorylineId), second.Select(u => u.StorylineId));
        Assert.Equal(first.SelectMany(u => u.EventClusters.OrderBy(p => p.Key)), second.SelectMany(u => u.EventClusters.OrderBy(p => p.Key)));
        Assert.Equal("story-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("chile-1"u8))[..12], first[0].StorylineId);
        Assert.StartsWith("evc-", first[0].EventClusters.Values.First(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_long_past_in_an_undated_report_is_history_and_does_not_stretch_the_storyline()
    {
        var engine = new StoryEngine(new StoryOptions());
        engine.Add(ChileReport());
        var retrospective = StoryDocuments.Make(
            "chile-4", "Chile earthquake: the worst in Concepcion since 2010",
            "The earthquake that struck Concepcion in southern Chile was the worst there since 2010, rescuers in Concepcion said.",
            null, ["Concepcion:LOC", "Chile:LOC"], ["earthquake:earthquake", "struck:strike"], ["Concepcion"], "2010-01-01");

        var update = engine.Add(retrospective);

        var storyline = update.Changes.Single().Storyline;
        Assert.Contains(retrospective.Id, storyline.DocumentIds);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero), storyline.Start);
    }

    [Fact]
    public void Events_are_listed_in_time_order_and_dates_span_them()
    {
        var engine = new StoryEngine(new StoryOptions());
        var later = StoryDocuments.Make(
            "chile-3", "Chile rebuilds after earthquake", "Chile began rebuilding Concepcion after the earthquake, the government said.",
            "2024-03-20", ["Chile:LOC", "Concepcion:LOC"], ["rebuilding:rebuild", "earthquake:earthquake"], ["Concepcion"]);
        engine.Add(later);
        var update = engine.Add(ChileReport());

        var storyline = update.Changes.Single().Storyline;
        Assert.Equal(later.Id, storyline.DocumentIds[0]);
        Assert.Equal(ChileReport().Events[0].Id, storyline.EventIds[0]);
        Assert.Equal(later.Events[0].Id, storyline.EventIds[^2]);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero), storyline.Start);
        Assert.Equal(new DateTimeOffset(2024, 3, 20, 0, 0, 0, TimeSpan.Zero), storyline.End);
    }

    [Fact]
    public void Adding_a_document_twice_is_rejected_with_its_id()
    {
        var engine = new StoryEngine(new StoryOptions());
        engine.Add(ChileReport());

        var error = Assert.Throws<ArgumentException>(() => engine.Add(ChileReport()));
        Assert.Contains("'chile-1'", error.Message, StringComparison.Ordinal);
    }
}
