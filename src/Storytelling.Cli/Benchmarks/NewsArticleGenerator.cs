using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Storytelling.Articles;

namespace Storytelling.Cli.Benchmarks;

/// <summary>
/// Makes news pages for benchmarks, the same ones for the same seed on every machine: 5–12 KB of HTML with a doctype,
/// a head with styles and scripts, a header with a navigation menu, the story (headline, byline, figure, 6–15
/// paragraphs of English composed from word lists, with people, organisations, places, dates, figures and quotes),
/// share and subscribe widgets, a related-links list, comments and a footer. The page layout varies
/// (<c>itemprop=articleBody</c>, <c>&lt;article&gt;</c>, <c>&lt;main&gt;</c>, or plain nested <c>div</c>s), and so do
/// titles (with or without the outlet's name), authors (bylines, several names, none) and publication dates (ISO 8601,
/// RFC 1123, US and European forms, unix seconds, missing). About <c>stubShare</c> of the pages are video pages with
/// a one-line caption, which the cleaning stage rejects, as it does such pages on real feeds. No text comes from a real
/// article.
/// </summary>
public sealed class NewsArticleGenerator(int seed = NewsArticleGenerator.DefaultSeed, double stubShare = NewsArticleGenerator.DefaultStubShare)
{
    public const int DefaultSeed = 20260310;
    public const double DefaultStubShare = 0.04;
    public const int MinPageBytes = 5 * 1024;
    public const int MaxPageBytes = 12 * 1024;

    /// <summary>Publication dates fall in the year before this instant; ingest at or after it.</summary>
    public static readonly DateTimeOffset LatestPublication = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Random _random = new(seed);
    private readonly double _stubShare = stubShare is >= 0 and <= 1
        ? stubShare
        : throw new ArgumentOutOfRangeException(nameof(stubShare), stubShare, "The share of stub pages must be between 0 and 1.");

    private int _count;
    private Cast _cast = Cast.Empty;

    public int Seed { get; } = seed;

    /// <summary>The next page as an accepted input article (origin <c>generated:N</c>, content field <c>html</c>).</summary>
    public Article Next()
    {
        var number = ++_count;
        var outlet = Pick(Outlets);
        var section = Pick(Sections);
        _cast = new Cast(
            [.. Enumerable.Range(0, _random.Next(2, 5)).Select(_ => Person())],
            [.. Enumerable.Range(0, 2).Select(_ => Pick(Organisations))],
            Pick(Places));
        var published = LatestPublication.AddMinutes(-_random.Next(1, 365 * 24 * 60));
        var headline = Headline();
        var slug = Slug(headline);
        var url = string.Create(CultureInfo.InvariantCulture, $"https://www.{outlet.Domain}/{section.ToLowerInvariant()}/{published:yyyy/MM/dd}/{slug}-{number}");
        var author = Byline();
        var stub = _random.NextDouble() < _stubShare;
        List<string> paragraphs = stub ? [Pick(StubCaptions)] : [.. Enumerable.Range(0, _random.Next(6, 16)).Select(_ => Paragraph())];
        var extras = new Extras(
            Sentence(),
            [Headline(), Headline(), Headline()],
            Fill("{quote}"),
            Headline(),
            [.. Enumerable.Range(0, RelatedPool).Select(_ => Headline())],
            [.. Enumerable.Range(0, 5).Select(_ => Comment())]);
        var page = new Page(outlet, section, headline, author, published, url, _random.Next(4), stub, _random.Next(), extras);
        var html = page.Render(paragraphs);
        while (Encoding.UTF8.GetByteCount(html) > MaxPageBytes && paragraphs.Count > 6)
        {
            paragraphs.RemoveAt(paragraphs.Count - 1);
            html = page.Render(paragraphs);
        }

        while (Encoding.UTF8.GetByteCount(html) < MinPageBytes && page.Related < RelatedPool)
        {
            page = page with { Related = page.Related + 1 };
            html = page.Render(paragraphs);
        }

        return new Article
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"news-{Seed}-{number:D6}"),
            IdWasDerived = false,
            Title = _random.Next(3) switch
            {
                0 => headline,
                1 => $"{headline} | {outlet.Name}",
                _ => $"{headline} - {outlet.Name}",
            },
            Content = html,
            ContentField = ContentField.Html,
            Url = url,
            Source = outlet.Name,
            Author = author,
            PublishedAtRaw = DateText(published),
            Language = _random.Next(10) switch
            {
                < 5 => "en",
                < 7 => "en-GB",
                _ => null,
            },
            Origin = new InputLocation("generated", number),
        };
    }

    /// <summary>The next <paramref name="count"/> pages.</summary>
    public List<Article> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var articles = new List<Article>(count);
        for (var i = 0; i < count; i++)
        {
            articles.Add(Next());
        }

        return articles;
    }

    /// <summary>Writes the next <paramref name="count"/> pages as JSONL input (docs/input-format.md) to <paramref name="output"/>, left open.</summary>
    public async Task WriteJsonlAsync(Stream output, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var line = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line.SetLength(0);
            using (var writer = new Utf8JsonWriter(line, JsonOptions))
            {
                WriteJson(writer, Next());
            }

            line.WriteByte((byte)'\n');
            await output.WriteAsync(line.GetBuffer().AsMemory(0, (int)line.Length), cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the next <paramref name="count"/> pages as a JSONL file at <paramref name="path"/> (replaced if present).</summary>
    public async Task WriteJsonlAsync(string path, int count, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await WriteJsonlAsync(file, count, cancellationToken);
    }

    private static void WriteJson(Utf8JsonWriter writer, Article article)
    {
        writer.WriteStartObject();
        writer.WriteString("id", article.Id);
        writer.WriteString("title", article.Title);
        writer.WriteString("url", article.Url);
        writer.WriteString("source", article.Source);
        WriteOptional(writer, "author", article.Author);
        WriteOptional(writer, "published_at", article.PublishedAtRaw);
        WriteOptional(writer, "language", article.Language);
        writer.WriteString("content", article.Content);
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private string? DateText(DateTimeOffset published)
    {
        var offset = TimeSpan.FromHours(Pick(OffsetHours));
        var local = published.ToOffset(offset);
        var culture = CultureInfo.InvariantCulture;
        return _random.Next(20) switch
        {
            < 5 => published.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", culture),
            < 8 => local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", culture),
            < 10 => published.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", culture),
            < 11 => local.ToString("ddd, dd MMM yyyy HH:mm:ss ", culture) + local.ToString("zzz", culture).Replace(":", "", StringComparison.Ordinal),
            < 13 => published.UtcDateTime.ToString("MMMM d, yyyy h:mm tt", culture),
            < 14 => published.ToOffset(TimeSpan.FromHours(1)).ToString("d MMMM yyyy HH:mm 'CET'", culture),
            < 16 => published.UtcDateTime.ToString("yyyy-MM-dd HH:mm", culture),
            < 17 => published.UtcDateTime.ToString("M/d/yyyy", culture),
            < 18 => published.ToUnixTimeSeconds().ToString(culture),
            < 19 => null,
            _ => Pick(VagueDates),
        };
    }

    private string Person() => $"{Pick(FirstNames)} {Pick(LastNames)}";

    private string? Byline() => _random.Next(10) switch
    {
        < 4 => $"By {Person()}",
        < 6 => $"{Person()} and {Person()}",
        < 8 => $"{Person()}, {Pick(Beats)} Correspondent",
        < 9 => "Staff reporter",
        _ => null,
    };

    private string Headline() => Capitalize(Fill(Pick(HeadlineTemplates)));

    private string Paragraph()
    {
        var sentences = _random.Next(2, 5);
        var builder = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            builder.Append(i == 0 ? "" : " ").Append(Sentence());
        }

        return builder.ToString();
    }

    private string Sentence() => Capitalize(Fill(Pick(SentenceTemplates)));

    private string Comment() => Fill(Pick(CommentTemplates));

    /// <summary>Replaces each <c>{slot}</c> of <paramref name="template"/>; slots may expand to templates with slots.</summary>
    private string Fill(string template)
    {
        var builder = new StringBuilder(template.Length * 2);
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            if (open < 0)
            {
                builder.Append(template, position, template.Length - position);
                break;
            }

            var close = template.IndexOf('}', open);
            builder.Append(template, position, open - position).Append(Slot(template[(open + 1)..close]));
            position = close + 1;
        }

        return builder.ToString();
    }

    private string Slot(string name) => name switch
    {
        "person" => _random.Next(10) < 7 ? Pick(_cast.People) : Person(),
        "surname" => Pick(_cast.People).Split(' ')[1],
        "org" => _random.Next(10) < 6 ? Pick(_cast.Organisations) : Pick(Organisations),
        "company" => Pick(Companies),
        "place" => _random.Next(10) < 5 ? _cast.Place : Pick(Places),
        "role" => Pick(Roles),
        "weekday" => Pick(Weekdays),
        "month" => Pick(Months),
        "day" => _random.Next(1, 29).ToString(CultureInfo.InvariantCulture),
        "year" => _random.Next(2018, 2028).ToString(CultureInfo.InvariantCulture),
        "number" => (_random.Next(2, 60) * Pick(Magnitudes)).ToString("N0", CultureInfo.InvariantCulture),
        "small" => Pick(SmallNumbers),
        "money" => Money(),
        "pct" => (_random.Next(1, 250) / 10.0).ToString("0.0", CultureInfo.InvariantCulture),
        "topic" => Pick(Topics),
        "things" => Pick(Things),
        "verbed" => Pick(PastVerbs),
        "verb" => Pick(Verbs),
        "adverb" => Pick(Adverbs),
        "adjective" => Pick(Adjectives),
        "when" => Fill(Pick(TimeReferences)),
        "clause" => Fill(Pick(Clauses)),
        "quote" => Capitalize(Fill(Pick(Quotes))),
        _ => throw new InvalidOperationException($"The article template slot '{{{name}}}' is unknown."),
    };

    private string Money() => _random.Next(3) switch
    {
        0 => $"${_random.Next(2, 900)} million",
        1 => string.Create(CultureInfo.InvariantCulture, $"€{_random.Next(1, 40)}.{_random.Next(10)} billion"),
        _ => $"£{_random.Next(10, 990)},000",
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Capitalize(string text) =>
        text.Length == 0 || !char.IsLower(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Slug(string headline)
    {
        var builder = new StringBuilder();
        foreach (var c in headline.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }

    /// <summary>HTML text, with the entity news sites use for apostrophes.</summary>
    private static string Encode(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&rsquo;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>The people, organisations and place an article keeps coming back to.</summary>
    private sealed record Cast(string[] People, string[] Organisations, string Place)
    {
        public static readonly Cast Empty = new(["Ana Reyes"], ["the city council"], "Harwick");
    }

    private sealed record Outlet(string Name, string Domain);

    /// <summary>The page's text around the story: figure caption, subheadings, pull quote, links and comments.</summary>
    private sealed record Extras(string Caption, string[] Subheads, string Quote, string ReadMore, string[] Related, string[] Comments);

    /// <summary>One page's fixed parts; <see cref="Render"/> lays out the paragraphs with them, the same way every time.</summary>
    private sealed record Page(
        Outlet Outlet, string Section, string Headline, string? Author, DateTimeOffset Published, string Url, int Layout, bool Stub, int Variation, Extras Extras)
    {
        /// <summary>How many related links the page lists (more make a short page longer).</summary>
        public int Related { get; init; } = 4;

        public string Render(List<string> paragraphs)
        {
            var random = new Random(Variation);
            var html = new StringBuilder(12 * 1024);
            html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<title>").Append(Encode(Headline)).Append(" | ").Append(Encode(Outlet.Name)).Append("</title>\n")
                .Append("<meta name=\"description\" content=\"").Append(Encode(Headline)).Append(".\">\n")
                .Append("<link rel=\"canonical\" href=\"").Append(Url).Append("\">\n")
                .Append("<link rel=\"stylesheet\" href=\"/static/css/site.").Append(Variation % 9973).Append(".css\">\n")
                .Append(Style)
                .Append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-")
                .Append(Variation % 999_983).Append("',{section:'").Append(Section).Append("'});</script>\n")
                .Append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"")
                .Append(Encode(Headline)).Append("\",\"datePublished\":\"").Append(Published.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .Append("\"}</script>\n</head>\n<body class=\"article-page section-").Append(Section.ToLowerInvariant()).Append("\">\n");
            if (random.Next(3) == 0)
            {
                html.Append("<div class=\"cookie-banner\" role=\"dialog\"><p>We use cookies to improve your experience and to show you relevant offers. ")
                    .Append("<a href=\"/privacy\">Learn more</a></p><button>Accept all</button><button>Manage choices</button></div>\n");
            }

            html.Append("<header class=\"site-header\"><a class=\"logo\" href=\"/\">").Append(Encode(Outlet.Name)).Append("</a>\n<nav class=\"main-nav\"><ul>");
            foreach (var item in Sections)
            {
                html.Append("<li><a href=\"/").Append(item.ToLowerInvariant()).Append("\">").Append(item).Append("</a></li>");
            }

            html.Append("</ul></nav>\n<form class=\"search\" action=\"/search\"><input type=\"search\" name=\"q\" placeholder=\"Search\"><button>Go</button></form></header>\n");
            html.Append("<div class=\"breadcrumbs\"><a href=\"/\">Home</a> &rsaquo; <a href=\"/").Append(Section.ToLowerInvariant()).Append("\">")
                .Append(Section).Append("</a></div>\n");

            var (open, close) = Layout switch
            {
                0 => ("<main id=\"content\">\n<article class=\"story\">\n", "</article>\n</main>\n"),
                1 => ("<main id=\"content\">\n<div class=\"story-wrapper\">\n", "</div>\n</main>\n"),
                2 => ("<div id=\"page\"><div class=\"content-column\">\n", "</div></div>\n"),
                _ => ("<article class=\"post\">\n", "</article>\n"),
            };
            html.Append(open).Append("<h1 class=\"headline\">").Append(Encode(Headline)).Append("</h1>\n");
            html.Append("<div class=\"byline\">");
            if (Author is not null)
            {
                html.Append("<span class=\"author\">").Append(Encode(Author)).Append("</span> ");
            }

            html.Append("<time datetime=\"").Append(Published.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append("\">")
                .Append(Published.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)).Append("</time></div>\n");
            html.Append("<div class=\"share-tools\"><a href=\"#\" class=\"share-facebook\">Share on Facebook</a> <a href=\"#\" class=\"share-x\">Share on X</a> ")
                .Append("<a href=\"#\" class=\"share-email\">Email this story</a> <button class=\"share-copy\">Copy link</button></div>\n");
            if (Stub)
            {
                html.Append("<div class=\"video-player\"><video controls poster=\"/media/").Append(Variation % 99_991).Append(".jpg\"><source src=\"/media/")
                    .Append(Variation % 99_991).Append(".mp4\" type=\"video/mp4\"></video>\n<script>player.init({id:").Append(Variation)
                    .Append(",autoplay:false,ads:{preroll:true,midroll:false},captions:'/media/captions/").Append(Variation % 99_991)
                    .Append(".vtt',related:true,endscreen:'recommendations'});</script></div>\n");
            }
            else if (random.Next(3) > 0)
            {
                html.Append("<figure class=\"lead-image\"><img src=\"/images/").Append(Variation % 99_991).Append(".jpg\" alt=\"\" width=\"1200\" height=\"675\">")
                    .Append("<figcaption>").Append(Encode(Extras.Caption)).Append("</figcaption></figure>\n");
            }

            html.Append(Layout == 2 ? "<div class=\"text\">\n" : Layout == 3 ? "<div class=\"entry\">\n" : "<div class=\"story-body\" itemprop=\"articleBody\">\n");
            for (var i = 0; i < paragraphs.Count; i++)
            {
                if (i > 2 && i % 5 == 3 && random.Next(2) == 0)
                {
                    html.Append("<h2>").Append(Encode(Extras.Subheads[i / 5])).Append("</h2>\n");
                }

                if (i == paragraphs.Count / 2 && random.Next(2) == 0)
                {
                    html.Append("<blockquote><p>&ldquo;").Append(Encode(Extras.Quote)).Append("&rdquo;</p></blockquote>\n");
                }

                if (i == 4 && random.Next(3) == 0)
                {
                    html.Append("<p class=\"read-more\">Read more: <a href=\"/").Append(Section.ToLowerInvariant()).Append("/more\">")
                        .Append(Encode(Extras.ReadMore)).Append("</a></p>\n");
                }

                if (i == 5 && random.Next(2) == 0)
                {
                    html.Append("<div class=\"ad-slot advertisement\" data-slot=\"inarticle-1\"><span>Advertisement</span></div>\n");
                }

                html.Append("<p>").Append(Encode(paragraphs[i])).Append("</p>\n");
            }

            html.Append("</div>\n<div class=\"tags\"><ul>");
            foreach (var tag in Tags.Skip(random.Next(Tags.Length - 4)).Take(4))
            {
                html.Append("<li><a href=\"/topic/").Append(tag.Replace(' ', '-').ToLowerInvariant()).Append("\">").Append(tag).Append("</a></li>");
            }

            html.Append("</ul></div>\n<div class=\"newsletter-signup\"><h3>Get the morning briefing</h3><p>The stories that matter, in your inbox before 7am.</p>")
                .Append("<form action=\"/subscribe\"><input type=\"email\" placeholder=\"Your email\"><button>Sign up</button></form></div>\n");
            html.Append(close);
            html.Append("<aside class=\"related-stories\"><h2>Related stories</h2><ul>");
            for (var i = 0; i < Related; i++)
            {
                html.Append("<li><a href=\"/").Append(Section.ToLowerInvariant()).Append('/').Append(random.Next(100_000, 999_999)).Append("\">")
                    .Append(Encode(Extras.Related[i])).Append("</a></li>");
            }

            html.Append("</ul></aside>\n<section id=\"comments\" class=\"comments\"><h2>Comments</h2>\n");
            var comments = random.Next(2, 6);
            for (var i = 0; i < comments; i++)
            {
                html.Append("<div class=\"comment\"><span class=\"comment-author\">").Append(Pick(random, Handles)).Append(random.Next(10, 99))
                    .Append("</span><p>").Append(Encode(Extras.Comments[i])).Append("</p></div>\n");
            }

            html.Append("</section>\n<footer class=\"site-footer\"><ul><li><a href=\"/about\">About us</a></li><li><a href=\"/contact\">Contact</a></li>")
                .Append("<li><a href=\"/privacy\">Privacy policy</a></li><li><a href=\"/terms\">Terms of use</a></li><li><a href=\"/jobs\">Work for us</a></li></ul>")
                .Append("<p>&copy; ").Append(Published.Year).Append(' ').Append(Encode(Outlet.Name)).Append(". All rights reserved.</p></footer>\n")
                .Append("<script src=\"/static/js/bundle.").Append(Variation % 7919).Append(".js\" defer></script>\n</body>\n</html>\n");
            return html.ToString();
        }

        private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
    }

    private const string Style = "<style>body{margin:0;font-family:Georgia,serif;color:#1a1a1a;background:#fff}"
        + ".site-header{display:flex;align-items:center;padding:12px 24px;border-bottom:1px solid #ddd}"
        + ".main-nav ul{display:flex;gap:16px;list-style:none;margin:0;padding:0}.main-nav a{color:#333;text-decoration:none}"
        + ".headline{font-size:2.2rem;line-height:1.2;margin:24px 0 8px}.byline{color:#666;font-size:.9rem}"
        + ".story-body p,.text p,.entry p{font-size:1.1rem;line-height:1.6;margin:0 0 1em}"
        + ".share-tools a{margin-right:8px}.related-stories li{margin-bottom:6px}.comment{border-top:1px solid #eee;padding:8px 0}"
        + ".cookie-banner{position:fixed;bottom:0;left:0;right:0;background:#222;color:#fff;padding:16px}</style>\n";

    private const int RelatedPool = 12;

    private static readonly int[] OffsetHours = [0, 1, 2, -5, -8];

    private static readonly int[] Magnitudes = [1, 10, 100, 1000];

    private static readonly string[] SmallNumbers = ["two", "three", "four", "five", "six", "eight", "a dozen", "several"];

    private static readonly string[] StubCaptions = ["Watch the full report.", "Video: what happened next.", "Our correspondent reports from the scene."];

    private static readonly string[] VagueDates = ["yesterday", "Updated 2 hours ago", "just now"];

    private static readonly Outlet[] Outlets =
    [
        new("Avel Courier", "avelcourier.example"), new("Northfield Gazette", "northfieldgazette.example"),
        new("The Harbour Post", "harbourpost.example"), new("Meridian Daily", "meridiandaily.example"),
        new("Coastline News", "coastlinenews.example"), new("Valley Herald", "valleyherald.example"),
        new("Capital Ledger", "capitalledger.example"), new("Riverside Tribune", "riversidetribune.example"),
    ];

    private static readonly string[] Sections = ["World", "Politics", "Business", "Science", "Local", "Climate", "Health", "Technology", "Sport", "Opinion"];

    private static readonly string[] Tags =
    [
        "Transport", "Housing", "Energy", "Elections", "Courts", "Weather", "Schools", "Hospitals", "Trade", "Farming",
        "Water", "Tourism", "Jobs", "Budget",
    ];

    private static readonly string[] Beats = ["Political", "Business", "Science", "Environment", "Health", "Transport", "Regional", "Economics"];

    private static readonly string[] Handles = ["river_fox", "quietreader", "m.okafor", "harbourwatch", "tea_and_toast", "oldtownjoe", "skeptic", "greenlane"];

    private static readonly string[] FirstNames =
    [
        "Mira", "Jonas", "Aisha", "Tomasz", "Elena", "Kwame", "Sofia", "Daniel", "Priya", "Lukas", "Hannah", "Mateo", "Ingrid",
        "Samuel", "Noor", "Felix", "Grace", "Rafael", "Yuki", "Oliver", "Amara", "Viktor", "Clara", "Idris", "Maren", "Paulo",
        "Leila", "Henrik", "Chloe", "Tariq", "Zofia", "Marcus",
    ];

    private static readonly string[] LastNames =
    [
        "Lund", "Okafor", "Brennan", "Kowalski", "Marchetti", "Asante", "Delgado", "Hartmann", "Nair", "Fischer", "Moreau",
        "Castillo", "Lindqvist", "Adeyemi", "Sato", "Whitfield", "Novak", "Haddad", "Ferreira", "Johansson", "Mensah", "Quinn",
        "Petrov", "Rahman", "Sorensen", "Alvarez", "Keller", "Osei", "Varga", "Blackwood",
    ];

    private static readonly string[] Organisations =
    [
        "the Ministry of Transport", "the city council", "the regional water authority", "the national weather service",
        "the Federation of Small Businesses", "the health department", "the port authority", "the teachers' union",
        "the central bank", "the electoral commission", "the coast guard", "the state energy regulator",
        "the Institute for Urban Studies", "the farmers' association", "the supreme court", "the university hospital",
    ];

    private static readonly string[] Companies =
    [
        "Northbridge Energy", "Halden Rail", "Corvane Foods", "Bluecrest Shipping", "Altmark Pharma", "Sundale Motors",
        "Kestrel Telecom", "Orrin Steel", "Lumora Software", "Fairhaven Insurance",
    ];

    private static readonly string[] Places =
    [
        "Harwick", "Port Avel", "Lisbon", "Denver", "Rotterdam", "Nairobi", "Kraków", "Brisbane", "Glasgow", "Valencia",
        "Winnipeg", "Osaka", "Accra", "Marseille", "Tampere", "Cork", "Porto Alegre", "Halifax", "the northern valley", "the old harbour district",
    ];

    private static readonly string[] Roles =
    [
        "a spokeswoman for", "a spokesman for", "the chief executive of", "the director of", "an economist at", "a senior official at",
        "the chair of", "a researcher at", "a lawyer representing", "the deputy head of",
    ];

    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] Topics =
    [
        "the rail strike", "the harbour expansion", "the new flood defences", "the budget proposal", "the merger",
        "the water price increase", "the school closures", "the wind farm", "the housing plan", "the fishing quota",
        "the emergency ward", "the bridge repairs", "the tram extension", "the wage agreement", "the landfill site",
        "the drought measures", "the court ruling", "the tax reform", "the vaccination campaign", "the airport curfew",
    ];

    private static readonly string[] Things =
    [
        "homes", "jobs", "passengers", "households", "patients", "students", "tonnes of grain", "flights", "vehicles",
        "complaints", "applications", "trees", "beds", "containers",
    ];

    private static readonly string[] PastVerbs =
    [
        "approved", "rejected", "postponed", "announced", "criticised", "defended", "suspended", "reviewed", "expanded",
        "scaled back", "challenged", "welcomed", "blocked", "funded", "questioned",
    ];

    private static readonly string[] Verbs =
    [
        "approve", "revise", "delay", "fund", "investigate", "expand", "cancel", "finish", "reconsider", "support", "replace",
    ];

    private static readonly string[] Adverbs = ["quickly", "quietly", "formally", "largely", "partly", "sharply", "gradually", "unexpectedly"];

    private static readonly string[] Adjectives =
        ["sharpest", "largest", "longest", "costliest", "first", "biggest", "most serious", "warmest", "steepest", "broadest"];

    private static readonly string[] TimeReferences =
    [
        "on {weekday}", "last week", "earlier this month", "on {month} {day}", "in {month} {year}", "late on {weekday}",
        "this morning", "two years ago", "at the end of {month}", "since {year}",
    ];

    private static readonly string[] Clauses =
    [
        "{org} would {verb} {topic} by {month}", "the plan would cost about {money}", "{topic} had been {verbed} without warning",
        "residents had complained about {topic} for years", "about {number} {things} could be affected",
        "{company} had already {verbed} its own proposal", "the figures were {adverb} worse than expected",
        "talks with {org} would resume {when}", "the decision was {verbed} by a narrow margin", "no one was injured",
        "inspectors found {small} serious faults", "the costs had risen by {pct} percent since {year}",
    ];

    private static readonly string[] Quotes =
    [
        "we are not going to {verb} {topic} just because it is difficult", "this is the {adjective} change we have seen in a generation",
        "people in {place} deserve a clear answer", "nobody expected the numbers to move this fast",
        "we will {verb} the plan if the evidence tells us to", "the next {small} months will decide whether this works",
        "there was simply no money left for {topic}", "our members have waited long enough",
    ];

    private static readonly string[] SentenceTemplates =
    [
        "{person}, {role} {org}, said {when} that {clause}.",
        "\"{quote},\" {person} told reporters in {place}.",
        "\"{quote},\" said {surname}, who has followed {topic} since {year}.",
        "The decision follows {small} months of dispute over {topic} in {place}, where {clause}.",
        "By {month} {day}, {org} had {verbed} {number} {things}, according to figures published {when}.",
        "Officials in {place} expect {topic} to be {verbed} {adverb} before {month} {year}.",
        "{org} {verbed} {topic} {when}, and {clause}.",
        "About {number} people gathered outside the town hall in {place} {when}, {person} said.",
        "Critics, including {person} of {org}, argue that {clause}.",
        "It is the {adjective} increase recorded in {place} since {year}.",
        "In a statement, {org} said it would {verb} {topic} \"as soon as possible\".",
        "Shares in {company} rose {pct} percent to close at a value of {money} {when}.",
        "Shares in {company} fell {pct} percent after the company {verbed} {topic}.",
        "{person} declined to comment on {topic} when contacted {when}.",
        "The measure, worth {money}, covers {number} {things} across {place} and the surrounding region.",
        "According to {org}, {clause}.",
        "{surname} said {org} had been warned about {topic} {when}.",
        "A report published {when} by {org} found that {clause}.",
        "The vote is expected on {weekday}, {month} {day}, when {clause}.",
        "Local businesses in {place} say {topic} has cost them {money} so far.",
    ];

    private static readonly string[] HeadlineTemplates =
    [
        "{org} {verbed} {topic} in {place}", "{place} braces for {topic} as talks stall", "{company} shares fall {pct}% after {topic} row",
        "{number} {things} affected by {topic}", "Inside {place}'s fight over {topic}", "{surname} to {verb} {topic} by {month}",
        "Why {topic} matters for {place}", "{org} faces questions over {topic}",
    ];

    private static readonly string[] CommentTemplates =
    [
        "Finally some good news for {place}.", "Who is paying the {money} for this?", "I live near {place} and nobody asked us about {topic}.",
        "Same story every year. Nothing changes.", "Great reporting, thank you.", "{org} should have acted in {year}.",
        "Does anyone know when {topic} actually starts?",
    ];
}
