using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Storytelling.Nlp;
using Storytelling.Nlp.Events;
using Storytelling.Stories;

namespace Storytelling.Embedded.Output;

/// <summary>
/// <c>report.html</c>: one self-contained page (no external resources) a person opens in a browser. Storylines as
/// timelines of their cross-document events (each event cluster once, at its earliest time, with who / what / whom /
/// where / when and the sentence it came from, trigger highlighted, and the other reports of the same event; by
/// default only events reported by two or more articles), filters by event type and by entity or word, and the run's counts and rejected records by reason. The data is embedded as
/// JSON and drawn by a small script in the page; the stylesheet is <see cref="StorylineStylesheet"/>, the one the NLP
/// API's storyline explorer serves, inlined.
/// </summary>
public sealed class ReportWriter
{
    public const string FileName = "report.html";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // The JSON sits in a <script> element: '<' and '&' stay escaped (the default encoder does that).
        Encoder = JavaScriptEncoder.Default,
    };

    private readonly List<ReportDocument> _documents = [];
    private readonly List<ReportEvent> _events = [];

    /// <summary>Collects what the report shows of one analysed document (call in story order).</summary>
    public void Add(Document document, StoryDocument story, StoryUpdate update)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(update);
        _documents.Add(new ReportDocument(story.Id, story.Title, story.PublishedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), update.StorylineId));
        var tokens = document.Tokens;
        foreach (var storyEvent in story.Events)
        {
            var mention = storyEvent.Mention;
            if (mention.Sentence < 0 || mention.Sentence >= document.Sentences.Length)
            {
                continue;
            }

            var sentence = document.Sentences[mention.Sentence];
            var start = tokens[sentence.Start].Start;
            var end = tokens[sentence.End - 1].End;
            _events.Add(new ReportEvent(
                storyEvent.Id, story.Id, update.StorylineId, update.EventClusters[storyEvent.Id], mention.Type.Name(), mention.Trigger, mention.Lemma,
                document.Text[start..end], mention.TriggerStart - start, mention.TriggerEnd - start, mention.Agent?.Text, mention.Patient?.Text,
                mention.Theme?.Text, string.Join("; ", mention.Places.Select(p => p.Text)), mention.When?.Value,
                (mention.When?.Interval?.Begin ?? story.PublishedAt)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                mention.When?.Interval is null || mention.When.IsDocumentDateFallback,
                mention.IsNegated, mention.IsHypothetical, Math.Round(mention.Confidence, 2)));
        }
    }

    public async Task WriteAsync(string path, IReadOnlyList<Storyline> storylines, RunSummary summary, IReadOnlyDictionary<string, long> rejectedByCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storylines);
        ArgumentNullException.ThrowIfNull(summary);
        var data = new
        {
            summary = new
            {
                input = summary.Input,
                records = summary.Lines,
                cleaned = summary.Cleaned,
                rejected = summary.Rejected,
                duplicates = summary.Duplicates,
                analysed = summary.Analysed,
                events = summary.Events,
                clusters = summary.EventClusters,
                storylines = summary.Storylines,
                seconds = Math.Round(summary.Elapsed.TotalSeconds, 1),
            },
            rejected = rejectedByCode,
            storylines = storylines.Select(s => new
            {
                s.Id,
                s.Version,
                s.Title,
                start = s.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                end = s.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                documents = s.DocumentIds,
                events = s.EventIds.Count,
            }),
            documents = _documents,
            events = _events,
        };
        var html = new StringBuilder(Template.Length + StorylineStylesheet.Text.Length + (1 << 16));
        var style = Template.IndexOf(StyleMarker, StringComparison.Ordinal);
        var json = Template.IndexOf(DataMarker, StringComparison.Ordinal);
        html.Append(Template.AsSpan(0, style));
        html.Append(StorylineStylesheet.Text);
        html.Append(Template.AsSpan(style + StyleMarker.Length, json - style - StyleMarker.Length));
        html.Append(JsonSerializer.Serialize(data, Json));
        html.Append(Template.AsSpan(json + DataMarker.Length));
        await File.WriteAllTextAsync(path, html.ToString(), new UTF8Encoding(false), cancellationToken);
    }

    private sealed record ReportDocument(string Id, string? Title, string? Date, string Storyline);

    private sealed record ReportEvent(
        string Id, string Document, string Storyline, string Cluster, string Type, string Trigger, string Lemma, string Sentence, int TriggerStart,
        int TriggerEnd, string? Who, string? Whom, string? What, string? Where, string? When, string? Date, bool DateIsFallback, bool Negated,
        bool Hypothetical, double Confidence);

    private const string StyleMarker = "/*STYLE*/";

    private const string DataMarker = "/*DATA*/";

    private const string Template = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Storylines report</title>
        <style>
        /*STYLE*/
          nav button { display: block; width: 100%; text-align: left; border: 1px solid transparent; background: none; padding: 8px; border-radius: 6px; cursor: pointer; font: inherit; color: inherit; }
          nav button:hover { background: var(--bg); }
          nav button.active { border-color: var(--accent); background: #eef3fc; }
          .filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; margin-bottom: 14px; }
          .filters label { font-size: 13px; color: var(--muted); }
          .filters input[type=search] { padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; min-width: 240px; font: inherit; }
        </style>
        </head>
        <body>
        <header><h1>Storylines</h1><div class="counts" id="counts"></div></header>
        <div class="layout">
          <nav id="storylines" aria-label="Storylines"></nav>
          <main>
            <div class="filters">
              <input type="search" id="entity" placeholder="Filter by entity or word (e.g. a person, place, company)" aria-label="Filter by entity or word">
              <span id="types"></span>
              <label><input type="checkbox" id="hideModal" checked> hide negated and hypothetical</label>
              <label><input type="checkbox" id="shared" checked> only events reported by two or more articles</label>
            </div>
            <h2 id="title"></h2>
            <div class="muted" id="subtitle"></div>
            <div class="timeline" id="timeline"></div>
            <section id="rejected"></section>
          </main>
        </div>
        <script type="application/json" id="data">/*DATA*/</script>
        <script>
        const data = JSON.parse(document.getElementById('data').textContent);
        const docs = Object.fromEntries(data.documents.map(d => [d.id, d]));
        const byStoryline = {};
        for (const e of data.events) (byStoryline[e.storyline] ??= []).push(e);
        const types = [...new Set(data.events.map(e => e.type))].sort();
        let current = data.storylines.length ? data.storylines[0].id : null;
        const el = id => document.getElementById(id);
        const text = (tag, value, cls) => { const n = document.createElement(tag); n.textContent = value ?? ''; if (cls) n.className = cls; return n; };
        el('counts').textContent = `${data.summary.records} records: ${data.summary.cleaned} cleaned, ${data.summary.rejected} rejected, ` +
          `${data.summary.events} events in ${data.summary.clusters} cross-document clusters, ${data.summary.storylines} storylines (${data.summary.seconds} s)`;
        for (const t of types) {
          const label = document.createElement('label');
          const box = document.createElement('input'); box.type = 'checkbox'; box.checked = t !== 'other'; box.value = t; box.className = 'type-filter';
          box.addEventListener('change', draw);
          label.append(box, ' ' + t); el('types').append(label, ' ');
        }
        el('entity').addEventListener('input', draw);
        el('hideModal').addEventListener('change', draw);
        el('shared').addEventListener('change', draw);
        for (const s of data.storylines) {
          const b = document.createElement('button');
          b.dataset.id = s.id;
          b.append(text('span', s.title), text('span', `${s.documents.length} articles, ${s.events} events, ${s.start ?? '?'} to ${s.end ?? '?'}`, 'meta'));
          b.addEventListener('click', () => { current = s.id; draw(); });
          el('storylines').append(b);
        }
        function sentence(e) {
          const q = document.createElement('blockquote');
          q.append(e.sentence.slice(0, e.trigger_start), text('mark', e.sentence.slice(e.trigger_start, e.trigger_end)), e.sentence.slice(e.trigger_end));
          const d = docs[e.document];
          q.append(text('div', `${d.title ?? d.id} (${d.date ?? 'undated'})`, 'muted'));
          return q;
        }
        function draw() {
          document.querySelectorAll('nav button').forEach(b => b.classList.toggle('active', b.dataset.id === current));
          const s = data.storylines.find(x => x.id === current);
          el('timeline').replaceChildren();
          if (!s) return;
          el('title').textContent = s.title;
          el('subtitle').textContent = `${s.documents.length} articles, ${s.start ?? '?'} to ${s.end ?? '?'}, version ${s.version}`;
          const wanted = new Set([...document.querySelectorAll('.type-filter:checked')].map(b => b.value));
          const needle = el('entity').value.trim().toLowerCase();
          const hideModal = el('hideModal').checked;
          const shared = el('shared').checked && s.documents.length > 1;
          const clusters = {};
          for (const e of byStoryline[s.id] ?? []) (clusters[e.cluster] ??= []).push(e);
          const rows = Object.values(clusters).map(mentions => {
            mentions.sort((a, b) => (b.who || b.whom || b.what ? 1 : 0) - (a.who || a.whom || a.what ? 1 : 0) || b.confidence - a.confidence);
            // The event's date: the date its reports state most often (earliest on a tie), else the earliest article date.
            const stated = {};
            for (const m of mentions) if (m.date && !m.date_is_fallback) stated[m.date] = (stated[m.date] ?? 0) + 1;
            const date = Object.entries(stated).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
            return { main: mentions[0], mentions, articles: new Set(mentions.map(m => m.document)).size,
              date: date ?? mentions.map(m => m.date).filter(Boolean).sort()[0] ?? '9999' };
          }).filter(r => wanted.has(r.main.type) && !(hideModal && (r.main.negated || r.main.hypothetical)) && !(shared && r.articles < 2) &&
            (!needle || r.mentions.some(m => [m.who, m.whom, m.what, m.where, m.sentence].some(v => v && v.toLowerCase().includes(needle)))))
            .sort((a, b) => a.date.localeCompare(b.date) || b.articles - a.articles || b.mentions.length - a.mentions.length);
          for (const r of rows) {
            const e = r.main;
            const card = document.createElement('article'); card.className = 'event';
            const head = document.createElement('div'); head.className = 'head';
            head.append(text('span', r.date === '9999' ? 'undated' : r.date, 'date'), text('strong', e.trigger), text('span', e.type, 'type'));
            if (e.negated) head.append(text('span', 'negated', 'flag'));
            if (e.hypothetical) head.append(text('span', 'hypothetical', 'flag'));
            head.append(text('span', `${r.mentions.length} mention(s) in ${r.articles} article(s)`, 'muted'));
            const args = document.createElement('dl'); args.className = 'args';
            for (const [k, v] of [['who', e.who], ['did', e.lemma], ['to whom', e.whom], ['what', e.what], ['where', e.where], ['when', e.when ? e.when + (e.date_is_fallback ? ' (article date)' : '') : null]])
              if (v) args.append(text('dt', k), text('dd', v));
            card.append(head, args, sentence(e));
            if (r.mentions.length > 1) {
              const more = document.createElement('details');
              more.append(text('summary', 'Linked reports of this event'));
              for (const m of r.mentions.slice(1)) more.append(sentence(m));
              card.append(more);
            }
            el('timeline').append(card);
          }
          if (!rows.length) el('timeline').append(text('p', 'No events match the filters.', 'muted'));
        }
        const rejected = Object.entries(data.rejected);
        if (rejected.length) {
          el('rejected').append(text('h3', 'Rejected records'));
          const table = document.createElement('table');
          table.append(...rejected.map(([code, n]) => { const tr = document.createElement('tr'); tr.append(text('td', code), text('td', n)); return tr; }));
          el('rejected').append(table, text('p', 'Each rejected record, with its line and reason, is in rejected.jsonl.', 'muted'));
        }
        draw();
        </script>
        </body>
        </html>
        """;
}
