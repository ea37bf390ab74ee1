using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;

namespace Storytelling.Articles.Tests;

public sealed class ArticleReaderTests
{
    private const string FileName = "articles.jsonl";

    [Fact]
    public async Task Valid_line_becomes_an_article_with_every_field_and_its_origin()
    {
        var (results, _) = await ReadAsync(
            """{"id":" a-1 ","title":"Floods","content":"<p>Rain.</p>","url":"https://x.test/1","source":"Wire","author":"Ann","published_at":"2024-05-01T10:20:30+02:00","language":"en"}""");

        var article = Assert.Single(results).Article!;
        Assert.Equal("a-1", article.Id);
        Assert.False(article.IdWasDerived);
        Assert.Equal("Floods", article.Title);
        Assert.Equal("<p>Rain.</p>", article.Content);
        Assert.Equal(ContentField.Content, article.ContentField);
        Assert.Equal("https://x.test/1", article.Url);
        Assert.Equal("Wire", article.Source);
        Assert.Equal("Ann", article.Author);
        Assert.Equal("2024-05-01T10:20:30+02:00", article.PublishedAtRaw);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 20, 30, TimeSpan.FromHours(2)), article.PublishedAt);
        Assert.Equal("en", article.Language);
        Assert.Equal(new InputLocation(FileName, 1), article.Origin);
    }

    [Fact]
    public async Task Invalid_json_line_is_rejected_with_its_line_number_and_the_rest_goes_on()
    {
        var (results, statistics) = await ReadAsync(Lines(
            """{"id":"1","content":"one"}""",
            """{"id":"2","content":"two" "title":"x"}""",
            """{"id":"3","content":"three"}"""));

        Assert.Equal(3, results.Count);
        var rejected = results[1].Rejected!;
        Assert.Equal(RejectionCodes.InvalidJson, rejected.Code);
        Assert.Equal(2, rejected.Line);
        Assert.Equal(FileName, rejected.File);
        Assert.Contains("byte offset 26", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal("""{"id":"2","content":"two" "title":"x"}""", rejected.Excerpt);
        Assert.Equal(new[] { "1", "3" }, results.Where(r => !r.IsRejected).Select(r => r.Article!.Id));
        Assert.Equal(3, results[2].Location.Line);
        Assert.Equal(1, statistics.Rejected);
        Assert.Equal(2, statistics.Articles);
    }

    [Theory]
    [InlineData("""{"id":"1","title":"no body at all"}""")]
    [InlineData("""{"id":"1","content":""}""")]
    [InlineData("""{"id":"1","content":" \t\n ","text":null,"body":"","html":"   "}""")]
    [InlineData("""{"id":"1","content":null}""")]
    public async Task Line_without_content_is_rejected_as_missing_content(string line)
    {
        var (results, _) = await ReadAsync(line);

        var rejected = Assert.Single(results).Rejected!;
        Assert.Equal(RejectionCodes.MissingContent, rejected.Code);
        Assert.Contains("'content', 'text', 'body', 'html'", rejected.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"content":42}""", "field 'content' must be a string, got number")]
    [InlineData("""{"content":{"text":"x"}}""", "field 'content' must be a string, got object")]
    [InlineData("""{"content":"x","title":["a","b"]}""", "field 'title' must be a string, got array")]
    [InlineData("""{"content":"x","url":true}""", "field 'url' must be a string, got boolean")]
    [InlineData("""{"content":"x","published_at":20240501}""", "field 'published_at' must be a string, got number")]
    [InlineData("""{"text":"x","html":[]}""", "field 'html' must be a string, got array")]
    [InlineData("""{"id":1.5,"content":"x"}""", "field 'id' must be a string or an integer, got number 1.5")]
    [InlineData("""{"id":{"v":1},"content":"x"}""", "field 'id' must be a string or an integer, got object")]
    public async Task Wrong_type_is_rejected_naming_the_field_and_the_type_found(string line, string reason)
    {
        var (results, _) = await ReadAsync(line);

        var rejected = Assert.Single(results).Rejected!;
        Assert.Equal(RejectionCodes.WrongType, rejected.Code);
        Assert.Equal(reason, rejected.Reason);
    }

    [Fact]
    public async Task Integer_id_is_taken_as_its_string_form()
    {
        var (results, _) = await ReadAsync(Lines(
            """{"id":123,"content":"x"}""",
            """{"id":-7,"content":"y"}""",
            """{"id":123456789012345678901234567890,"content":"z"}"""));

        Assert.Equal(new[] { "123", "-7", "123456789012345678901234567890" }, results.Select(r => r.Article!.Id));
        Assert.All(results, r => Assert.False(r.Article!.IdWasDerived));
    }

    [Fact]
    public async Task Null_optional_fields_are_absent_and_unknown_fields_are_ignored()
    {
        var (results, _) = await ReadAsync(
            """{"id":"1","title":null,"url":null,"author":null,"language":null,"content":"x","extra":{"deep":[1,{"a":null}]},"tags":["a"],"n":3}""");

        var article = Assert.Single(results).Article!;
        Assert.Null(article.Title);
        Assert.Null(article.Url);
        Assert.Null(article.Author);
        Assert.Null(article.Language);
        Assert.Equal("x", article.Content);
    }

    [Theory]
    [InlineData("[1,2]", "array")]
    [InlineData("\"just text\"", "string")]
    [InlineData("42", "number")]
    [InlineData("null", "null")]
    public async Task Json_that_is_not_an_object_is_rejected_as_not_an_object(string line, string found)
    {
        var (results, _) = await ReadAsync(line);

        var rejected = Assert.Single(results).Rejected!;
        Assert.Equal(RejectionCodes.NotAnObject, rejected.Code);
        Assert.Contains($"a JSON {found}", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Syntax_error_wins_over_a_field_error_on_the_same_line()
    {
        var (results, _) = await ReadAsync("""{"content":42,"title":"x",}""");

        Assert.Equal(RejectionCodes.InvalidJson, Assert.Single(results).Rejected!.Code);
    }

    [Fact]
    public async Task Field_given_twice_is_rejected_as_duplicate_field()
    {
        var (results, _) = await ReadAsync("""{"content":"a","content":"b"}""");

        var rejected = Assert.Single(results).Rejected!;
        Assert.Equal(RejectionCodes.DuplicateField, rejected.Code);
        Assert.Equal("field 'content' appears more than once", rejected.Reason);
    }

    [Fact]
    public async Task Escaped_unpaired_surrogate_is_rejected_naming_the_field()
    {
        var (results, _) = await ReadAsync("""{"content":"ok","title":"bad \ud800 here"}""");

        var rejected = Assert.Single(results).Rejected!;
        Assert.Equal(RejectionCodes.InvalidJson, rejected.Code);
        Assert.Contains("field 'title'", rejected.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(4096)]
    [InlineData(1)]
    public async Task Line_longer_than_the_limit_is_skipped_and_rejected_and_the_next_line_is_read(int chunkSize)
    {
        var options = new ArticleInputOptions { MaxLineBytes = 1024, RejectedExcerptChars = 100 };
        var longLine = "{\"id\":\"big\",\"content\":\"" + new string('x', 300_000) + "\"}";
        var input = Lines(
            """{"id":"1","content":"before"}""",
            longLine,
            """{"id":"2","content":"after"}""");

        var (results, statistics) = await ReadAsync(Encoding.UTF8.GetBytes(input), options, chunkSize);

        Assert.Equal(3, results.Count);
        var rejected = results[1].Rejected!;
        Assert.Equal(RejectionCodes.LineTooLong, rejected.Code);
        Assert.Equal(2, rejected.Line);
        Assert.Equal(Encoding.UTF8.GetByteCount(longLine), rejected.ByteLength);
        Assert.Equal(longLine[..100], rejected.Excerpt);
        Assert.Contains("1,024 bytes", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal("after", results[2].Article!.Content);
        Assert.Equal(3, results[2].Article!.Origin.Line);
        Assert.Equal(3, statistics.LinesRead);
    }

    [Fact]
    public async Task Line_at_exactly_the_limit_is_accepted_and_one_byte_more_is_rejected()
    {
        var options = new ArticleInputOptions { MaxLineBytes = 1024 };
        var prefix = "{\"content\":\"";
        var atLimit = prefix + new string('a', 1024 - prefix.Length - 2) + "\"}";
        var overLimit = prefix + new string('a', 1024 - prefix.Length - 1) + "\"}";

        var (results, _) = await ReadAsync(Encoding.UTF8.GetBytes(Lines(atLimit + "\r", overLimit + "\r")), options, chunkSize: 1);

        Assert.False(results[0].IsRejected);
        Assert.Equal(RejectionCodes.LineTooLong, results[1].Rejected!.Code);
        Assert.Equal(1025, results[1].Rejected!.ByteLength);
    }

    [Fact]
    public async Task Oversized_final_line_without_newline_is_rejected()
    {
        var options = new ArticleInputOptions { MaxLineBytes = 1024 };
        var input = """{"content":"ok"}""" + "\n" + new string('y', 100_000);

        var (results, _) = await ReadAsync(Encoding.UTF8.GetBytes(input), options, chunkSize: 1000);

        Assert.Equal(2, results.Count);
        Assert.Equal(RejectionCodes.LineTooLong, results[1].Rejected!.Code);
        Assert.Equal(100_000, results[1].Rejected!.ByteLength);
    }

    [Fact]
    public async Task Huge_line_is_skipped_without_being_buffered_whole()
    {
        var hugeLine = Encoding.UTF8.GetBytes("{\"content\":\"" + new string('z', 64 * 1024 * 1024) + "\"}");
        var input = Concat(Encoding.UTF8.GetBytes("{\"content\":\"one\"}\n"), hugeLine, Encoding.UTF8.GetBytes("\n{\"content\":\"three\"}\n"));
        var stream = new ChunkedStream(input, chunkSize: 64 * 1024);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var results = await CollectAsync(new ArticleReader().ReadAsync(stream, FileName, CancellationToken.None));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(RejectionCodes.LineTooLong, results[1].Rejected!.Code);
        Assert.Equal(hugeLine.Length, results[1].Rejected!.ByteLength);
        Assert.Equal("three", results[2].Article!.Content);
        Assert.Equal(3, results[2].Article!.Origin.Line);
        Assert.True(allocated < 24L * 1024 * 1024, $"reading allocated {allocated:N0} bytes for a {hugeLine.Length:N0}-byte line");
    }

    [Fact]
    public async Task Invalid_utf8_is_rejected_naming_the_byte_offset()
    {
        var bytes = Concat(
            Encoding.UTF8.GetBytes("""{"content":"ab"""),
            [0xFF],
            Encoding.UTF8.GetBytes("c\"}\n"),
            Encoding.UTF8.GetBytes("""{"content":"fine é"}"""));

        var (results, _) = await ReadAsync(bytes);

        var rejected = results[0].Rejected!;
        Assert.Equal(RejectionCodes.InvalidUtf8, rejected.Code);
        Assert.Contains("byte 0xFF at byte offset 14", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal("{\"content\":\"ab\uFFFDc\"}", rejected.Excerpt);
        Assert.Equal(18, rejected.ByteLength);
        Assert.Equal("fine é", results[1].Article!.Content);
    }

    [Fact]
    public async Task Truncated_multibyte_sequence_is_invalid_utf8()
    {
        var bytes = Concat(Encoding.UTF8.GetBytes("""{"content":"x"""), [0xE2, 0x82], Encoding.UTF8.GetBytes("\"}"));

        var (results, _) = await ReadAsync(bytes);

        Assert.Contains("byte offset 13", Assert.Single(results).Rejected!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blank_and_whitespace_lines_are_skipped_and_counted_not_rejected()
    {
        var (results, statistics) = await ReadAsync(Lines(
            "",
            """{"content":"one"}""",
            "   \t ",
            "\r",
            """{"content":"two"}""",
            ""));

        Assert.Equal(new long[] { 2, 5 }, results.Select(r => r.Article!.Origin.Line));
        Assert.Equal(6, statistics.LinesRead);
        Assert.Equal(4, statistics.BlankLines);
        Assert.Equal(2, statistics.Articles);
        Assert.Equal(0, statistics.Rejected);
    }

    [Fact]
    public async Task Duplicate_id_is_rejected_naming_the_line_where_it_was_first_seen_and_the_first_is_kept()
    {
        var (results, _) = await ReadAsync(Lines(
            """{"id":"a","content":"first"}""",
            """{"id":"b","content":"other"}""",
            """{"id":" a ","content":"second"}"""));

        Assert.Equal("first", results[0].Article!.Content);
        var rejected = results[2].Rejected!;
        Assert.Equal(RejectionCodes.DuplicateId, rejected.Code);
        Assert.Equal(3, rejected.Line);
        Assert.Contains("id 'a' was already used on line 1", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_are_tracked_per_input_not_per_reader()
    {
        var reader = new ArticleReader();
        var line = Encoding.UTF8.GetBytes("""{"id":"a","content":"x"}""");

        var first = await CollectAsync(reader.ReadAsync(new MemoryStream(line), "one.jsonl", CancellationToken.None));
        var second = await CollectAsync(reader.ReadAsync(new MemoryStream(line), "two.jsonl", CancellationToken.None));

        Assert.False(first[0].IsRejected);
        Assert.False(second[0].IsRejected);
        Assert.Equal("two.jsonl", second[0].Location.File);
    }

    [Theory]
    [InlineData("""{"content":"C","text":"T","body":"B","html":"H"}""", "C", ContentField.Content)]
    [InlineData("""{"text":"T","body":"B","html":"H"}""", "T", ContentField.Text)]
    [InlineData("""{"content":"  ","text":null,"body":"B","html":"H"}""", "B", ContentField.Body)]
    [InlineData("""{"html":"<b>H</b>"}""", "<b>H</b>", ContentField.Html)]
    [InlineData("""{"html":"H","body":"","content":"\n"}""", "H", ContentField.Html)]
    public async Task Content_is_the_first_non_blank_of_content_text_body_html(string line, string content, ContentField field)
    {
        var (results, _) = await ReadAsync(line);

        var article = Assert.Single(results).Article!;
        Assert.Equal(content, article.Content);
        Assert.Equal(field, article.ContentField);
    }

    [Fact]
    public async Task Derived_id_is_a_sha256_of_the_content_and_stable_across_runs()
    {
        const string Input = """
            {"title":"A","content":"Same words."}
            {"id":"  ","content":"Other words."}
            """;

        var (first, _) = await ReadAsync(Input);
        var (second, _) = await ReadAsync(Input);

        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Same words.")))[..32];
        Assert.Equal(expected, first[0].Article!.Id);
        Assert.True(first[0].Article!.IdWasDerived);
        Assert.True(first[1].Article!.IdWasDerived);
        Assert.NotEqual(first[0].Article!.Id, first[1].Article!.Id);
        Assert.Equal(first.Select(r => r.Article!.Id), second.Select(r => r.Article!.Id));
    }

    [Fact]
    public async Task Same_content_without_ids_is_rejected_as_a_duplicate_of_the_first()
    {
        var (results, _) = await ReadAsync(Lines(
            """{"title":"one","content":"Same words."}""",
            """{"title":"two","text":"Same words."}"""));

        var rejected = results[1].Rejected!;
        Assert.Equal(RejectionCodes.DuplicateId, rejected.Code);
        Assert.Contains("derived from the content", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("line 1", rejected.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Byte_order_mark_at_the_start_is_skipped(int chunkSize)
    {
        var bytes = Concat([0xEF, 0xBB, 0xBF], Encoding.UTF8.GetBytes("""{"id":"1","content":"x"}"""));

        var (results, statistics) = await ReadAsync(bytes, chunkSize: chunkSize);

        Assert.Equal("1", Assert.Single(results).Article!.Id);
        Assert.Equal(bytes.Length, statistics.BytesRead);
    }

    [Fact]
    public async Task Byte_order_mark_inside_the_input_is_not_skipped()
    {
        var bytes = Concat(Encoding.UTF8.GetBytes("{\"content\":\"x\"}\n"), [0xEF, 0xBB, 0xBF], Encoding.UTF8.GetBytes("""{"content":"y"}"""));

        var (results, _) = await ReadAsync(bytes);

        Assert.Equal(RejectionCodes.InvalidJson, results[1].Rejected!.Code);
    }

    [Fact]
    public async Task Crlf_line_endings_are_accepted()
    {
        var input = "{\"id\":\"1\",\"content\":\"one\"}\r\n{\"id\":\"2\",\"content\":\"two\"}\r\nnot json\r\n";

        var (results, _) = await ReadAsync(Encoding.UTF8.GetBytes(input), chunkSize: 3);

        Assert.Equal("one", results[0].Article!.Content);
        Assert.Equal("two", results[1].Article!.Content);
        Assert.Equal(8, results[2].Rejected!.ByteLength);
        Assert.Equal("not json", results[2].Rejected!.Excerpt);
    }

    [Fact]
    public async Task Final_line_without_newline_is_read()
    {
        var (results, statistics) = await ReadAsync("{\"content\":\"one\"}\n{\"content\":\"last\"}");

        Assert.Equal("last", results[1].Article!.Content);
        Assert.Equal(2, results[1].Article!.Origin.Line);
        Assert.Equal(2, statistics.LinesRead);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4093)]
    [InlineData(65_537)]
    public async Task Lines_split_across_buffer_boundaries_are_read_whole(int chunkSize)
    {
        var lines = Enumerable.Range(1, 3000)
            .Select(i => $$"""{"id":"{{i}}","content":"Zürich 東京 😀 {{new string('w', i % 97)}}"}""")
            .ToArray();
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

        var (results, statistics) = await ReadAsync(bytes, chunkSize: chunkSize);

        Assert.Equal(3000, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var article = results[i].Article!;
            Assert.Equal((i + 1).ToString(), article.Id);
            Assert.Equal(i + 1, article.Origin.Line);
            Assert.Equal($"Zürich 東京 😀 {new string('w', (i + 1) % 97)}", article.Content);
        }

        Assert.Equal(bytes.Length, statistics.BytesRead);
    }

    [Fact]
    public async Task A_hundred_thousand_lines_are_streamed_without_loading_the_input_whole()
    {
        const int LineCount = 100_000;
        var padding = new string('p', 480);
        var stream = new GeneratedLinesStream(LineCount, n => $$"""{"id":"n{{n}}","content":"article {{n}} {{padding}}"}""");
        var statistics = new ArticleReadStatistics();
        long producedAtFirstArticle = -1;
        var count = 0;

        await foreach (var result in new ArticleReader().ReadAsync(stream, FileName, statistics, CancellationToken.None))
        {
            if (producedAtFirstArticle < 0)
            {
                producedAtFirstArticle = stream.BytesProduced;
            }

            count++;
            Assert.Equal(count, result.Article!.Origin.Line);
            Assert.Equal("n" + count, result.Article.Id);
        }

        Assert.Equal(LineCount, count);
        Assert.True(stream.BytesProduced > 50_000_000, $"the generated input was only {stream.BytesProduced:N0} bytes");
        Assert.True(producedAtFirstArticle < 1024 * 1024, $"{producedAtFirstArticle:N0} bytes were read before the first article");
        Assert.Equal(LineCount, statistics.Articles);
        Assert.Equal(stream.BytesProduced, statistics.BytesRead);
    }

    [Fact]
    public async Task Content_over_the_document_limit_is_rejected_with_its_size_and_the_limit()
    {
        var options = new ArticleInputOptions { MaxDocumentBytes = 10 };
        var (results, _) = await ReadAsync(Encoding.UTF8.GetBytes(Lines(
            """{"body":"ééééé"}""",
            """{"body":"éééééé"}""")), options);

        Assert.False(results[0].IsRejected);
        var rejected = results[1].Rejected!;
        Assert.Equal(RejectionCodes.DocumentTooLarge, rejected.Code);
        Assert.Equal("field 'body' is 12 bytes of UTF-8, over the limit of 10 bytes (input.max_document_bytes)", rejected.Reason);
    }

    [Theory]
    [InlineData("2024-05-01T10:20:30Z", "2024-05-01T10:20:30+00:00")]
    [InlineData("2024-05-01T10:20:30.250-05:00", "2024-05-01T10:20:30.25-05:00")]
    [InlineData("2024-05-01", "2024-05-01T00:00:00+00:00")]
    [InlineData("2024-05-01T10:20", "2024-05-01T10:20:00+00:00")]
    [InlineData("2024-05-01 10:20:30+0200", "2024-05-01T10:20:30+02:00")]
    [InlineData("yesterday", null)]
    [InlineData("05/01/2024", null)]
    [InlineData("2024-13-45", null)]
    public async Task Published_at_is_kept_as_given_and_parsed_when_it_is_iso_8601(string raw, string? expected)
    {
        var (results, _) = await ReadAsync($$"""{"content":"x","published_at":"{{raw}}"}""");

        var article = Assert.Single(results).Article!;
        Assert.Equal(raw, article.PublishedAtRaw);
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), article.PublishedAt);
    }

    [Fact]
    public async Task Excerpt_of_a_rejected_line_is_cut_to_the_configured_length_and_keeps_the_byte_length()
    {
        var options = new ArticleInputOptions { RejectedExcerptChars = 10 };
        var line = "😀😀😀😀😀😀 not json";

        var (results, _) = await ReadAsync(Encoding.UTF8.GetBytes(line), options);

        var rejected = Assert.Single(results).Rejected!;
        Assert.Equal("😀😀😀😀😀", rejected.Excerpt);
        Assert.Equal(Encoding.UTF8.GetByteCount(line), rejected.ByteLength);
    }

    [Fact]
    public async Task Statistics_count_every_line_once()
    {
        var (_, statistics) = await ReadAsync(Lines(
            """{"content":"a"}""",
            "",
            "oops",
            """{"content":"b"}"""));

        Assert.Equal(4, statistics.LinesRead);
        Assert.Equal(2, statistics.Articles);
        Assert.Equal(1, statistics.Rejected);
        Assert.Equal(1, statistics.BlankLines);
    }

    [Fact]
    public async Task Cancellation_stops_the_read()
    {
        var stream = new GeneratedLinesStream(1_000_000, n => $$"""{"content":"article {{n}}"}""");
        using var cancellation = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var result in new ArticleReader().ReadAsync(stream, FileName, cancellation.Token))
            {
                if (++seen == 10)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal(10, seen);
        Assert.True(stream.BytesProduced < 1024 * 1024);
    }

    [Fact]
    public async Task Stream_errors_propagate_and_are_not_turned_into_rejections()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 10_000).Select(i => $"{{\"id\":{i},\"content\":\"x\"}}\n")));
        var stream = new ChunkedStream(bytes, chunkSize: 1000, failAfter: 5000);
        var results = new List<ArticleReadResult>();

        await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var result in new ArticleReader().ReadAsync(stream, FileName, CancellationToken.None))
            {
                results.Add(result);
            }
        });

        Assert.NotEmpty(results);
        Assert.DoesNotContain(results, r => r.IsRejected);
    }

    [Fact]
    public async Task File_is_read_from_its_path_and_locations_name_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"articles-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, Lines("""{"id":"1","content":"x"}""", "{"));
        try
        {
            var results = await CollectAsync(new ArticleReader().ReadFileAsync(path, CancellationToken.None));

            Assert.Equal(new InputLocation(path, 1), results[0].Location);
            Assert.Equal(new InputLocation(path, 2), results[1].Location);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(nameof(ArticleInputOptions.MaxLineBytes), 0)]
    [InlineData(nameof(ArticleInputOptions.MaxDocumentBytes), 0)]
    [InlineData(nameof(ArticleInputOptions.RejectedExcerptChars), -1)]
    public void Option_out_of_range_is_refused_naming_it(string property, int value)
    {
        var options = new ArticleInputOptions();
        typeof(ArticleInputOptions).GetProperty(property)!.SetValue(options, value);

        var error = Assert.Throws<ValidationException>(() => new ArticleReader(options));

        Assert.Contains(property, error.Message, StringComparison.Ordinal);
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static Task<(List<ArticleReadResult> Results, ArticleReadStatistics Statistics)> ReadAsync(string input) =>
        ReadAsync(Encoding.UTF8.GetBytes(input));

    private static async Task<(List<ArticleReadResult> Results, ArticleReadStatistics Statistics)> ReadAsync(
        byte[] input, ArticleInputOptions? options = null, int chunkSize = int.MaxValue)
    {
        var statistics = new ArticleReadStatistics();
        var reader = new ArticleReader(options ?? new ArticleInputOptions());
        var results = await CollectAsync(reader.ReadAsync(new ChunkedStream(input, chunkSize), FileName, statistics, CancellationToken.None));
        Assert.Equal(statistics.LinesRead, statistics.Articles + statistics.Rejected + statistics.BlankLines);
        return (results, statistics);
    }

    private static async Task<List<ArticleReadResult>> CollectAsync(IAsyncEnumerable<ArticleReadResult> results)
    {
        var list = new List<ArticleReadResult>();
        await foreach (var result in results)
        {
            list.Add(result);
        }

        return list;
    }
}
