using Storytelling.Stories.Internal;

namespace Storytelling.Stories;

/// <summary>
/// Builds storylines and cross-document event clusters incrementally, one document at a time (docs/stories.md).
/// A document joins the most similar storyline among those found by blocking (shared salient terms, title words,
/// entity names; time window; stated years) when the similarity reaches <see cref="StoryOptions.StorylineThreshold"/>, else it
/// starts one; only that storyline changes. Each of its events then joins the best-scoring event cluster of that
/// storyline (pair score ≥ <see cref="StoryOptions.LinkingThreshold"/>) or starts one. Same input in the same order
/// gives the same ids, versions and clusters. <see cref="Add"/> is serialised by a lock.
/// </summary>
public sealed class StoryEngine
{
    private const int MaxCentroidTerms = 400;
    private const int SalientTerms = 12;
    private const int SalientEntities = 10;
    private const int PostingsScanned = 64;
    private const double TextWeight = 0.4;
    private const double TitleWeight = 0.15;
    private const double EntityWeight = 0.45;
    private const double TimePenalty = 0.1;
    private const int SweepInterval = 1_000;
    private const int UndatedInactivity = 10 * SweepInterval;
    private const int YearGap = 2;

    private static readonly HashSet<string> NameTypes = new(StringComparer.Ordinal)
    {
        "PER", "PERSON", "ORG", "LOC", "GPE", "FAC", "NORP", "MISC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
    };

    private readonly StoryOptions options;
    private readonly Lock gate = new();
    private readonly TermStatistics statistics = new();
    private readonly List<StorylineState> storylines = [];
    private readonly List<StorylineState> active = [];
    private readonly HashSet<string> lemmas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StorylineState>> postings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StorylineState> storylineOfDocument = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventRecord> events = new(StringComparer.Ordinal);
    private readonly List<LinkRecord> links = [];
    private long sequence;
    private long documents;
    private DateTimeOffset? latestDay;

    public StoryEngine(StoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    /// <summary>The current version of every storyline, in creation order (a snapshot).</summary>
    public IReadOnlyList<Storyline> Storylines
    {
        get
        {
            lock (gate)
            {
                return [.. storylines.Select(s => s.Current)];
            }
        }
    }

    /// <summary>Every event link found so far, in the order found (a snapshot).</summary>
    public IReadOnlyList<EventLinkage> Links
    {
        get
        {
            lock (gate)
            {
                return [.. links.Select(l => l.ToLinkage())];
            }
        }
    }

    /// <summary>The cross-document event cluster id of an added event.</summary>
    public string ClusterOf(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        lock (gate)
        {
            if (events.TryGetValue(eventId, out var record))
            {
                return StableIds.EventCluster(record.ClusterSeed);
            }

            int separator = eventId.LastIndexOf("/e", StringComparison.Ordinal);
            if (separator > 0 && storylineOfDocument.TryGetValue(eventId[..separator], out var storyline) && storyline.IsFrozen)
            {
                var ids = storyline.Current.EventIds;
                for (int i = 0; i < ids.Count; i++)
                {
                    if (ids[i] == eventId)
                    {
                        return StableIds.EventCluster(storyline.FrozenClusterSeeds[i]);
                    }
                }
            }

            throw new KeyNotFoundException($"Event '{eventId}' has not been added to the story engine.");
        }
    }

    /// <summary>The storyline a document was assigned to.</summary>
    public string StorylineOf(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        lock (gate)
        {
            return storylineOfDocument.TryGetValue(documentId, out var storyline)
                ? storyline.Id
                : throw new KeyNotFoundException($"Document '{documentId}' has not been added to the story engine.");
        }
    }

    /// <summary>Adds one document: assigns it to a storyline, links and clusters its events, and says what changed.</summary>
    public StoryUpdate Add(StoryDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Validate(document);
        lock (gate)
        {
            if (storylineOfDocument.ContainsKey(document.Id))
            {
                throw new ArgumentException($"Document '{document.Id}' was already added to the story engine; document ids must be unique.", nameof(document));
            }

            var profile = Profile(document);
            var (storyline, isNew) = Assign(profile);
            string? previousTitle = storyline.Title;
            AddDocument(storyline, profile);

            var newLinks = new List<EventLinkage>();
            var clusters = new Dictionary<string, string>(StringComparer.Ordinal);
            var addedEvents = new List<string>(document.Events.Count);
            foreach (var storyEvent in document.Events)
            {
                var record = LinkEvent(storyline, profile, storyEvent, newLinks);
                clusters[record.Id] = StableIds.EventCluster(record.ClusterSeed);
                addedEvents.Add(record.Id);
            }

            links.AddRange(newLinks.Select(l => new LinkRecord(l)));
            documents++;
            storyline.LastJoined = documents;
            if (profile.Day is { } day && (latestDay is not { } latest || day > latest))
            {
                latestDay = day;
            }

            storyline.Version++;
            storyline.Current = new Storyline(
                storyline.Id,
                storyline.Version,
                storyline.Title,
                [.. storyline.DocumentIds],
                [.. storyline.Events.Select(e => e.Id)],
                storyline.Start ?? storyline.FirstDay,
                storyline.End ?? storyline.LastDay);
            var change = new StorylineChange(
                storyline.Current, isNew, [document.Id], addedEvents, isNew || previousTitle == storyline.Title ? null : previousTitle);
            if (documents % SweepInterval == 0)
            {
                FreezeInactive();
            }

            return new StoryUpdate(document.Id, storyline.Id, newLinks, clusters, [change]);
        }
    }

    private static void Validate(StoryDocument document)
    {
        if (string.IsNullOrWhiteSpace(document.Id))
        {
            throw new ArgumentException("A story document needs a non-empty id.", nameof(document));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var storyEvent in document.Events)
        {
            if (storyEvent.DocumentId != document.Id)
            {
                throw new ArgumentException(
                    $"Event '{storyEvent.Id}' of document '{document.Id}' names document '{storyEvent.DocumentId}'.", nameof(document));
            }

            if (!seen.Add(storyEvent.Id))
            {
                throw new ArgumentException($"Document '{document.Id}' has two events with id '{storyEvent.Id}'.", nameof(document));
            }
        }
    }

    private DocumentProfile Profile(StoryDocument document)
    {
        var text = new Dictionary<string, int>(StringComparer.Ordinal);
        TextTerms.Count(document.Text, text);
        var title = new Dictionary<string, int>(StringComparer.Ordinal);
        TextTerms.Count(document.Title, title);
        if (document.Title is { Length: > 0 } t && !document.Text.StartsWith(t, StringComparison.Ordinal))
        {
            TextTerms.Count(t, text);
        }

        var entities = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entity in document.Entities)
        {
            if (!NameTypes.Contains(entity.Type))
            {
                continue;
            }

            foreach (var key in EntityKeys(entity))
            {
                entities[key] = entities.GetValueOrDefault(key) + 1;
            }
        }

        statistics.Add(text.Keys.Concat(title.Keys).Distinct(StringComparer.Ordinal).Concat(entities.Keys));
        var (day, latestYear) = DocumentDates.Of(document);
        return new DocumentProfile
        {
            Document = document,
            TextCounts = text,
            TitleCounts = title,
            EntityCounts = entities,
            Text = SparseVector.FromCounts(text, statistics),
            Title = SparseVector.FromCounts(title, statistics),
            Entities = SparseVector.FromCounts(entities, statistics),
            Day = day,
            LatestYear = latestYear,
        };
    }

    /// <summary>An entity's keys: its lower-cased words joined, and for a multi-word name also its last word ("reid").</summary>
    private static IEnumerable<string> EntityKeys(StoryEntity entity)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        TextTerms.Count(entity.Text, words);
        if (words.Count == 0)
        {
            yield break;
        }

        var ordered = entity.Text.Split((char[])[' ', '\n', '\t', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', '"', '\'', '(', ')').ToLowerInvariant())
            .Where(w => words.ContainsKey(w.EndsWith("'s", StringComparison.Ordinal) ? w[..^2] : w))
            .ToList();
        if (ordered.Count == 0)
        {
            yield break;
        }

        yield return "e:" + string.Join(' ', ordered);
        if (ordered.Count > 1)
        {
            yield return "e:" + ordered[^1];
        }
    }

    private static IEnumerable<string> BlockingKeys(DocumentProfile profile)
    {
        for (int i = 0; i < Math.Min(SalientTerms, profile.Text.Count); i++)
        {
            yield return profile.Text.Keys[i];
        }

        foreach (var key in profile.Title.Keys)
        {
            yield return key;
        }

        for (int i = 0; i < Math.Min(SalientEntities, profile.Entities.Count); i++)
        {
            yield return profile.Entities.Keys[i];
        }
    }

    private (StorylineState Storyline, bool IsNew) Assign(DocumentProfile profile)
    {
        var votes = new Dictionary<StorylineState, int>();
        foreach (var key in BlockingKeys(profile).Distinct(StringComparer.Ordinal))
        {
            if (!postings.TryGetValue(key, out var list))
            {
                continue;
            }

            for (int i = list.Count - 1, scanned = 0; i >= 0 && scanned < PostingsScanned; i--, scanned++)
            {
                votes[list[i]] = votes.GetValueOrDefault(list[i]) + 1;
            }
        }

        StorylineState? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (var (candidate, _) in votes
            .OrderByDescending(v => v.Value)
            .ThenByDescending(v => v.Key.Index)
            .Take(options.StorylineCandidates))
        {
            double? days = candidate.DaysFrom(profile.Day);
            if (days > options.StorylineTimeWindowDays || YearsConflict(profile, candidate))
            {
                continue;
            }

            double score = Similarity(profile, candidate, days);

            if (score > bestScore || (score == bestScore && best is not null && candidate.Index < best.Index))
            {
                best = candidate;
                bestScore = score;
            }
        }

        if (best is not null && bestScore >= options.StorylineThreshold)
        {
            return (best, false);
        }

        var created = new StorylineState(StableIds.Storyline(profile.Document.Id), storylines.Count, MaxCentroidTerms);
        storylines.Add(created);
        active.Add(created);
        return (created, true);
    }

    /// <summary>
    /// 0.4 × text cosine + 0.15 × title cosine + 0.45 × entity cosine (TF-IDF with the current document frequencies),
    /// minus 0.3 × the time distance as a fraction of the window when both dates are known. When a side has no title
    /// or no entities, the weights of the features present are rescaled to sum to one.
    /// </summary>
    private double Similarity(DocumentProfile profile, StorylineState storyline, double? days)
    {
        double weights = TextWeight, score = TextWeight * storyline.Text.Cosine(profile.Text, statistics);
        if (profile.Title.Count > 0 && storyline.Titles.Count > 0)
        {
            weights += TitleWeight;
            score += TitleWeight * storyline.Titles.Cosine(profile.Title, statistics);
        }

        if (profile.Entities.Count > 0 && storyline.Entities.Count > 0)
        {
            weights += EntityWeight;
            score += EntityWeight * storyline.Entities.Cosine(profile.Entities, statistics);
        }

        score /= weights;
        if (days is { } d)
        {
            score -= TimePenalty * d / options.StorylineTimeWindowDays;
        }

        return score;
    }

    /// <summary>
    /// Whether stated years put the document and the storyline two or more years apart, which rules the storyline out
    /// like a date outside the time window:
    /// a dated document and a storyline without dated documents whose latest stated year is that far from the document's
    /// year, either way; or an undated document stating a year that far after the storyline's last day. Two undated sides
    /// never conflict: a stated year is only a lower bound on when an article was written.
    /// </summary>
    private static bool YearsConflict(DocumentProfile profile, StorylineState storyline)
    {
        if (profile.Day is { } day)
        {
            return storyline.LastDay is null && storyline.LatestYear is { } stated && Math.Abs(stated - day.Year) >= YearGap;
        }

        return profile.LatestYear is { } year && storyline.LastDay is { } last && year - last.Year >= YearGap;
    }

    private void AddDocument(StorylineState storyline, DocumentProfile profile)
    {
        storyline.DocumentIds.Add(profile.Document.Id);
        storylineOfDocument[profile.Document.Id] = storyline;
        storyline.Text.Add(profile.TextCounts, statistics);
        storyline.Titles.Add(profile.TitleCounts, statistics);
        storyline.Entities.Add(profile.EntityCounts, statistics);
        foreach (var key in BlockingKeys(profile))
        {
            if (storyline.PostedKeys.Add(key))
            {
                if (!postings.TryGetValue(key, out var list))
                {
                    postings[key] = list = [];
                }

                list.Add(storyline);
            }
        }

        if (profile.LatestYear is { } year && (storyline.LatestYear is not { } latest || year > latest))
        {
            storyline.LatestYear = year;
        }

        if (profile.Day is { } day)
        {
            storyline.FirstDay = storyline.FirstDay is { } first && first < day ? first : day;
            storyline.LastDay = storyline.LastDay is { } last && last > day ? last : day;
        }

        UpdateTitle(storyline, profile);
    }

    /// <summary>
    /// The title is the headline of the storyline's most central titled document: a new document takes over when its
    /// text is closer to the storyline's centroid than the current title document's (ties keep the current one).
    /// Without any titled document, the first line of the first document (at most 120 characters).
    /// </summary>
    private void UpdateTitle(StorylineState storyline, DocumentProfile profile)
    {
        string? headline = string.IsNullOrWhiteSpace(profile.Document.Title) ? null : profile.Document.Title.Trim();
        if (storyline.TitleDocument is null)
        {
            if (headline is not null)
            {
                storyline.TitleDocument = profile.Text;
                storyline.Title = headline;
            }
            else if (storyline.Title.Length == 0)
            {
                storyline.Title = FirstLine(profile.Document.Text);
            }

            return;
        }

        if (headline is not null
            && storyline.Text.Cosine(profile.Text, statistics) > storyline.Text.Cosine(storyline.TitleDocument, statistics))
        {
            storyline.TitleDocument = profile.Text;
            storyline.Title = headline;
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.AsSpan().TrimStart();
        int end = line.IndexOfAny('\n', '\r');
        if (end >= 0)
        {
            line = line[..end];
        }

        line = line.TrimEnd();
        return line.Length <= 120 ? line.ToString() : string.Concat(line[..117], "...");
    }

    private EventRecord LinkEvent(StorylineState storyline, DocumentProfile profile, StoryEvent storyEvent, List<EventLinkage> newLinks)
    {
        if (events.ContainsKey(storyEvent.Id))
        {
            throw new ArgumentException($"Event '{storyEvent.Id}' of document '{profile.Document.Id}' was already added to the story engine.", nameof(storyEvent));
        }

        var record = Record(profile, storyEvent);

        EventRecord? bestMember = null;
        double bestScore = double.NegativeInfinity;
        LinkEvidence? bestEvidence = null;
        foreach (var candidate in Candidates(storyline, record.Lemma))
        {
            var (score, evidence) = EventPairScorer.Score(record, candidate);
            if (score > bestScore || (score == bestScore && bestMember is not null && candidate.Sequence < bestMember.Sequence))
            {
                bestScore = score;
                bestMember = candidate;
                bestEvidence = evidence;
            }
        }

        if (bestMember is not null && bestScore >= options.LinkingThreshold)
        {
            record.ClusterSeed = bestMember.ClusterSeed;
            newLinks.Add(new EventLinkage(record.Id, bestMember.Id, Math.Round(bestScore, 4), bestEvidence!));
        }
        else
        {
            record.ClusterSeed = record.Id;
        }

        events[record.Id] = record;
        if (!storyline.EventsByLemma.TryGetValue(record.Lemma, out var sameLemma))
        {
            storyline.EventsByLemma[record.Lemma] = sameLemma = [];
        }

        sameLemma.Add(record);
        Place(storyline, record, profile);
        return record;
    }

    private static IEnumerable<EventRecord> Candidates(StorylineState storyline, string lemma)
    {
        if (storyline.EventsByLemma.TryGetValue(lemma, out var same))
        {
            foreach (var record in same)
            {
                yield return record;
            }
        }

        foreach (var related in RelatedLemmas.Of(lemma))
        {
            if (storyline.EventsByLemma.TryGetValue(related, out var list))
            {
                foreach (var record in list)
                {
                    yield return record;
                }
            }
        }
    }

    private EventRecord Record(DocumentProfile profile, StoryEvent storyEvent)
    {
        var mention = storyEvent.Mention;
        var participants = new Dictionary<string, int>(StringComparer.Ordinal);
        TextTerms.Count(mention.Agent?.Text, participants);
        TextTerms.Count(mention.Patient?.Text, participants);
        TextTerms.Count(mention.Theme?.Text, participants);
        var places = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var place in mention.Places)
        {
            TextTerms.Count(place.Text, places);
        }

        Nlp.Time.TimeInterval? time = null;
        bool explicitTime = false;
        if (mention.When is { Interval: { } interval } when)
        {
            time = interval;
            explicitTime = !when.IsDocumentDateFallback;
        }
        else if (profile.Day is { } day)
        {
            time = new Nlp.Time.TimeInterval(day, day.AddDays(1));
        }

        string lemma = (string.IsNullOrWhiteSpace(mention.Lemma) ? mention.Trigger : mention.Lemma).Trim().ToLowerInvariant();
        if (lemmas.TryGetValue(lemma, out var known))
        {
            lemma = known;
        }
        else
        {
            lemmas.Add(lemma);
        }

        return new EventRecord(storyEvent.Id, sequence++, lemma, mention.IsNegated)
        {
            Participants = [.. participants.Keys.Order(StringComparer.Ordinal).Select(statistics.Intern)],
            Places = [.. places.Keys.Order(StringComparer.Ordinal).Select(statistics.Intern)],
            Time = time,
            HasExplicitTime = explicitTime,
        };
    }

    /// <summary>
    /// Inserts the event in time order. Its order time is its own time when it is within the time window of the
    /// document's date (of the storyline's latest time when the document has none, so "the first strike since 2007" in
    /// an undated report is history too; of nothing when neither has a date), else the document's day, else the order
    /// time of the storyline's previous event (so undated reports keep their arrival order). Start and End span the
    /// order times.
    /// </summary>
    private void Place(StorylineState storyline, EventRecord record, DocumentProfile profile)
    {
        DateTimeOffset? own = record.HasExplicitTime ? record.Time!.Value.Begin : null;
        if (own is { } o && (profile.Day ?? storyline.End) is { } reference && Math.Abs((o - reference).TotalDays) > options.LinkingTimeWindowDays)
        {
            own = null;
        }

        record.OrderTime = own ?? profile.Day ?? storyline.LastOrderTime;
        storyline.LastOrderTime = record.OrderTime;
        int index = storyline.Events.Count;
        while (index > 0 && Compare(storyline.Events[index - 1], record) > 0)
        {
            index--;
        }

        storyline.Events.Insert(index, record);
        if (record.OrderTime is { } time)
        {
            storyline.Start = storyline.Start is { } start && start < time ? start : time;
            storyline.End = storyline.End is { } end && end > time ? end : time;
        }
    }

    /// <summary>
    /// Freezes the storylines nobody joined in the last <see cref="SweepInterval"/> documents whose last day is more than
    /// twice the storyline time window before the latest document day seen (undated storylines: after
    /// <see cref="UndatedInactivity"/> documents without a join), and takes them out of the blocking index. A frozen
    /// storyline keeps its id, version, documents, events and their clusters, but no document joins it any more.
    /// </summary>
    private void FreezeInactive()
    {
        int frozen = 0;
        foreach (var storyline in active)
        {
            long idle = documents - storyline.LastJoined;
            bool old = storyline.LastDay is { } last
                ? idle >= SweepInterval && latestDay is { } latest && (latest - last).TotalDays > 2.0 * options.StorylineTimeWindowDays
                : idle >= UndatedInactivity;
            if (old)
            {
                foreach (var record in storyline.Events)
                {
                    events.Remove(record.Id);
                }

                storyline.Freeze();
                frozen++;
            }
        }

        if (frozen == 0)
        {
            return;
        }

        active.RemoveAll(s => s.IsFrozen);
        var emptied = new List<string>();
        foreach (var (key, list) in postings)
        {
            if (list.RemoveAll(s => s.IsFrozen) > 0 && list.Count == 0)
            {
                emptied.Add(key);
            }
        }

        foreach (var key in emptied)
        {
            postings.Remove(key);
        }

        events.TrimExcess();
    }

    private static int Compare(EventRecord a, EventRecord b)
    {
        int byTime = Nullable.Compare(a.OrderTime, b.OrderTime);
        return byTime != 0 ? byTime : a.Sequence.CompareTo(b.Sequence);
    }
}
