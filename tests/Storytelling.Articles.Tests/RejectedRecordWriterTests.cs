using System.Text;
using System.Text.Json;

namespace Storytelling.Articles.Tests;

public sealed class RejectedRecordWriterTests
{
    private static readonly RejectedRecord Sample = new(
        "in/articles.jsonl", 42, RejectionCodes.WrongType, "field 'content' must be a string, got number", 17, """{"content":42}""");

    [Fact]
    public async Task Each_record_is_written_as_one_json_line_with_the_documented_fields()
    {
        using var output = new MemoryStream();
        await using (var writer = new RejectedRecordWriter(output, leaveOpen: true))
        {
            await writer.WriteAsync(Sample, CancellationToken.None);
            await writer.WriteAsync(Sample with { Line = 43, Code = RejectionCodes.InvalidJson }, CancellationToken.None);
            Assert.Equal(2, writer.Written);
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Empty, lines[2]);
        Assert.Equal(
            """{"file":"in/articles.jsonl","line":42,"code":"wrong_type","reason":"field 'content' must be a string, got number","byte_length":17,"excerpt":"{\"content\":42}"}""",
            lines[0]);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(43, second.RootElement.GetProperty("line").GetInt64());
        Assert.Equal("invalid_json", second.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Line_breaks_and_non_ascii_text_keep_each_record_on_one_readable_line()
    {
        using var output = new MemoryStream();
        await using (var writer = new RejectedRecordWriter(output, leaveOpen: true))
        {
            await writer.WriteAsync(Sample with { Excerpt = "Zürich\r\n<b>東京</b> \uFFFD" }, CancellationToken.None);
        }

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.Equal(1, text.Count(c => c == '\n'));
        Assert.Contains("Zürich\\r\\n<b>東京</b>", text, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(text);
        Assert.Equal("Zürich\r\n<b>東京</b> \uFFFD", parsed.RootElement.GetProperty("excerpt").GetString());
    }

    [Fact]
    public async Task Records_are_appended_to_an_existing_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rejected-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var writer = RejectedRecordWriter.AppendToFile(path))
            {
                await writer.WriteAsync(Sample, CancellationToken.None);
            }

            await using (var writer = RejectedRecordWriter.AppendToFile(path))
            {
                await writer.WriteAsync(Sample with { Line = 99 }, CancellationToken.None);
            }

            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal(2, lines.Length);
            Assert.Contains("\"line\":42", lines[0], StringComparison.Ordinal);
            Assert.Contains("\"line\":99", lines[1], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Each_write_is_flushed_to_the_file_before_it_returns()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rejected-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using var writer = RejectedRecordWriter.AppendToFile(path);
            await writer.WriteAsync(Sample, CancellationToken.None);

            await using var reading = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var text = new StreamReader(reading);
            Assert.Contains("\"line\":42", await text.ReadToEndAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Concurrent_writes_never_interleave_within_a_line()
    {
        using var output = new MemoryStream();
        var excerpt = new string('e', 5000);
        await using (var writer = new RejectedRecordWriter(output, leaveOpen: true))
        {
            await Task.WhenAll(Enumerable.Range(1, 200).Select(i =>
                Task.Run(() => writer.WriteAsync(Sample with { Line = i, Excerpt = excerpt }, CancellationToken.None))));
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n');
        var numbers = lines.Select(line =>
        {
            using var parsed = JsonDocument.Parse(line);
            return parsed.RootElement.GetProperty("line").GetInt64();
        });
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), numbers.Order());
    }

    [Fact]
    public async Task Cancelled_write_throws_and_writes_nothing()
    {
        using var output = new MemoryStream();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await using var writer = new RejectedRecordWriter(output, leaveOpen: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.WriteAsync(Sample, cancelled.Token));

        Assert.Equal(0, output.Length);
        Assert.Equal(0, writer.Written);
    }

    [Fact]
    public async Task Disposing_closes_the_stream_unless_asked_to_leave_it_open()
    {
        var owned = new MemoryStream();
        var borrowed = new MemoryStream();

        await new RejectedRecordWriter(owned).DisposeAsync();
        await new RejectedRecordWriter(borrowed, leaveOpen: true).DisposeAsync();

        Assert.False(owned.CanWrite);
        Assert.True(borrowed.CanWrite);
    }

    [Fact]
    public async Task Writing_after_dispose_is_refused()
    {
        var writer = new RejectedRecordWriter(new MemoryStream());
        await writer.DisposeAsync();
        await writer.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync(Sample, CancellationToken.None));
    }

    [Fact]
    public async Task Rejections_from_the_reader_round_trip_through_the_file_format()
    {
        var input = Encoding.UTF8.GetBytes("{\"content\":1}\nnot json\n{\"content\":\"ok\"}\n[]\n");
        var rejected = new List<RejectedRecord>();
        await foreach (var result in new ArticleReader().ReadAsync(new MemoryStream(input), "batch.jsonl", CancellationToken.None))
        {
            if (result.IsRejected)
            {
                rejected.Add(result.Rejected);
            }
        }

        using var output = new MemoryStream();
        await using (var writer = new RejectedRecordWriter(output, leaveOpen: true))
        {
            await writer.WriteAsync(rejected, CancellationToken.None);
        }

        var written = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n').Select(line =>
        {
            using var parsed = JsonDocument.Parse(line);
            var root = parsed.RootElement;
            return new RejectedRecord(
                root.GetProperty("file").GetString()!,
                root.GetProperty("line").GetInt64(),
                root.GetProperty("code").GetString()!,
                root.GetProperty("reason").GetString()!,
                root.GetProperty("byte_length").GetInt64(),
                root.GetProperty("excerpt").GetString()!);
        });
        Assert.Equal(rejected, written);
        Assert.Equal(new long[] { 1, 2, 4 }, rejected.Select(r => r.Line));
    }
}
