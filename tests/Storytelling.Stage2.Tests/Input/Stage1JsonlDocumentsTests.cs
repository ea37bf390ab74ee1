using System.Text;
using System.Text.Json;
using Storytelling.Stage2.Input;
using Storytelling.Stage2.Triggering;

namespace Storytelling.Stage2.Tests.Input;

/// <summary>Reading Stage 1's job files (<c>&lt;input_dir&gt;/&lt;job id&gt;.jsonl</c>) without a server.</summary>
public sealed class Stage1JsonlDocumentsTests : IDisposable
{
    private const string Job = "job-0001";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("stage1-jsonl-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_job_file_is_read_in_order_with_each_lines_byte_offset()
    {
        // Lines 2 and 5 of the input were rejected by Stage 1, so the file holds lines 1, 3, 4; CRLF and non-ASCII text.
        var file = Write(Line(1, "a", "Første"), Line(3, "b", "Second"), Line(4, "c", "Third"));
        var documents = new Stage1JsonlDocuments(_folder.FullName);

        var read = await ToListAsync(documents.ReadJobAsync(Job, CancellationToken.None));

        Assert.Equal([1L, 3L, 4L], read.Select(d => d.Line));
        Assert.Equal(["a", "b", "c"], read.Select(d => d.Id));
        Assert.Equal("Første text of a news article.", read[0].Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 17, 8, 0, 0, TimeSpan.Zero), read[0].PublishedAt);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.All(read, d => Assert.Equal((byte)'{', bytes[d.Offset!.Value]));
        Assert.Equal(0, read[0].Offset);
    }

    [Fact]
    public async Task A_work_item_is_found_by_its_offset_or_without_one_or_with_a_stale_one()
    {
        Write(Line(1, "a", "One"), Line(3, "b", "Two"), Line(4, "c", "Three"));
        var documents = new Stage1JsonlDocuments(_folder.FullName);
        var listed = await ToListAsync(documents.ReadJobAsync(Job, CancellationToken.None));

        var byOffset = await documents.ReadAsync(new NlpWorkItem(Job, 3, "b", "batch", listed[1].Offset), CancellationToken.None);
        var byIndex = await documents.ReadAsync(new NlpWorkItem(Job, 4, "c", "batch"), CancellationToken.None);
        var staleOffset = await documents.ReadAsync(new NlpWorkItem(Job, 1, "a", "batch", listed[2].Offset), CancellationToken.None);

        Assert.Equal("Two text of a news article.", byOffset.Text);
        Assert.Equal("Three text of a news article.", byIndex.Text);
        Assert.Equal("One text of a news article.", staleOffset.Text);
    }

    [Fact]
    public async Task A_rewritten_file_is_indexed_again()
    {
        Write(Line(1, "a", "One"), Line(2, "b", "Two"));
        var documents = new Stage1JsonlDocuments(_folder.FullName);
        Assert.Equal("Two text of a news article.", (await documents.ReadAsync(new NlpWorkItem(Job, 2, "b", null), CancellationToken.None)).Text);

        Write(Line(1, "a", "A much longer first line that moves every offset after it"), Line(2, "b", "Changed"));

        Assert.Equal("Changed text of a news article.", (await documents.ReadAsync(new NlpWorkItem(Job, 2, "b", null), CancellationToken.None)).Text);
    }

    [Fact]
    public async Task A_line_the_file_does_not_hold_is_an_error_naming_the_file_and_line()
    {
        var file = Write(Line(1, "a", "One"));
        var documents = new Stage1JsonlDocuments(_folder.FullName);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => documents.ReadAsync(new NlpWorkItem(Job, 7, "zz", null), CancellationToken.None));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_job_file_says_which_file_and_which_setting_to_check()
    {
        var documents = new Stage1JsonlDocuments(_folder.FullName);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => documents.ReadAsync(new NlpWorkItem("job-missing", 1, "a", null), CancellationToken.None));

        Assert.Contains(Path.Combine(_folder.FullName, "job-missing.jsonl"), error.Message, StringComparison.Ordinal);
        Assert.Contains("stage2.input_dir", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_line_is_reported_with_file_and_line_number()
    {
        var file = Write(Line(1, "a", "One"), "{\"id\": \"b\", \"line\": 2, \"text\": ");
        var documents = new Stage1JsonlDocuments(_folder.FullName);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ToListAsync(documents.ReadJobAsync(Job, CancellationToken.None)));

        Assert.StartsWith(file + ":2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_id_that_would_leave_the_input_folder_is_refused()
    {
        var documents = new Stage1JsonlDocuments(_folder.FullName);

        Assert.Throws<InvalidDataException>(() => documents.FileOf("../etc/passwd"));
    }

    private string Write(params string[] lines)
    {
        var file = Path.Combine(_folder.FullName, Job + ".jsonl");
        File.WriteAllText(file, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(false));
        return file;
    }

    private static string Line(long line, string id, string word) => JsonSerializer.Serialize(new
    {
        id,
        job_id = Job,
        batch_id = "batch",
        line,
        title = word,
        text = word + " text of a news article.",
        language = "en",
        published_at = "2026-11-17T08:00:00+00:00",
    });

    private static async Task<List<Stage1Document>> ToListAsync(IAsyncEnumerable<Stage1Document> documents)
    {
        var list = new List<Stage1Document>();
        await foreach (var document in documents)
        {
            list.Add(document);
        }

        return list;
    }
}
