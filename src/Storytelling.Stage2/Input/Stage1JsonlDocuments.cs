using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Storytelling.Stage2.Triggering;

namespace Storytelling.Stage2.Input;

/// <summary>
/// Stage 1's cleaned documents read from its job files, <c>&lt;stage2.input_dir&gt;/&lt;job id&gt;.jsonl</c> (Stage 1
/// writes one when a job completes: one document per line, in input-line order). The batch trigger reads the file once
/// and puts each line's byte offset in its work item, so a worker seeks to its line and reads only that; an item without
/// an offset, or whose offset no longer holds its document, is found through an index of input line → offset built once
/// per file and process (rebuilt when the file changes). Thread-safe.
/// </summary>
public sealed class Stage1JsonlDocuments(string inputDir) : IStage1Documents
{
    private const int MaxCachedFiles = 16;
    private readonly ConcurrentDictionary<string, Lazy<Task<FileIndex>>> _indexes = new(StringComparer.Ordinal);

    public string Description => $"Stage 1's job files in {inputDir}";

    public Task<bool> HasJobAsync(string jobId, CancellationToken cancellationToken) => Task.FromResult(File.Exists(FileOf(jobId)));

    /// <summary>The file holding a Stage 1 job's cleaned documents.</summary>
    public string FileOf(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        if (jobId.AsSpan().IndexOfAny(['/', '\\', '\0']) >= 0 || jobId.StartsWith('.'))
        {
            throw new InvalidDataException($"job id '{jobId}' cannot name a file in {inputDir}");
        }

        return Path.Combine(inputDir, jobId + ".jsonl");
    }

    public async IAsyncEnumerable<Stage1Document> ReadJobAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = FileOf(jobId);
        await foreach (var (offset, number, line) in LinesAsync(file, cancellationToken))
        {
            yield return Parse(line.Span, file, number) with { Offset = offset };
        }
    }

    public async Task<Stage1Document> ReadAsync(NlpWorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var file = FileOf(item.JobId);
        if (item.Offset is { } hint && await ReadAtAsync(file, hint, cancellationToken) is { } atHint && Matches(atHint, item))
        {
            return atHint;
        }

        var index = await IndexAsync(file, cancellationToken);
        if (index.Offsets.TryGetValue(item.Line, out var offset) && await ReadAtAsync(file, offset, cancellationToken) is { } found && Matches(found, item))
        {
            return found;
        }

        throw new InvalidDataException(
            $"work item {item.JobId}:{item.Line}: Stage 1's file {file} holds no document {item.DocumentId} at input line {item.Line}");
    }

    private static bool Matches(Stage1Document document, NlpWorkItem item) => document.Line == item.Line && document.Id == item.DocumentId;

    private async Task<FileIndex> IndexAsync(string file, CancellationToken cancellationToken)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw Missing(file);
        }

        if (_indexes.Count >= MaxCachedFiles && !_indexes.ContainsKey(file))
        {
            foreach (var key in _indexes.Keys.Take(_indexes.Count - MaxCachedFiles + 1))
            {
                _indexes.TryRemove(key, out _);
            }
        }

        while (true)
        {
            var lazy = _indexes.GetOrAdd(file, f => new Lazy<Task<FileIndex>>(() => BuildIndexAsync(f, CancellationToken.None)));
            FileIndex index;
            try
            {
                index = await lazy.Value.WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _indexes.TryRemove(KeyValuePair.Create(file, lazy));
                throw;
            }

            if (index.Length == info.Length && index.LastWriteUtc == info.LastWriteTimeUtc)
            {
                return index;
            }

            // The file was rewritten (a repeated Stage 1 export) since the index was built.
            _indexes.TryRemove(KeyValuePair.Create(file, lazy));
            info.Refresh();
        }
    }

    private static async Task<FileIndex> BuildIndexAsync(string file, CancellationToken cancellationToken)
    {
        var info = new FileInfo(file);
        var offsets = new Dictionary<long, long>();
        await foreach (var (offset, number, line) in LinesAsync(file, cancellationToken))
        {
            offsets[InputLine(line.Span, file, number)] = offset;
        }

        return new FileIndex(info.Length, info.LastWriteTimeUtc, offsets);
    }

    /// <summary>The file's non-empty lines: byte offset, 1-based line number, bytes (valid until the next line is read).</summary>
    private static async IAsyncEnumerable<(long Offset, long Number, ReadOnlyMemory<byte> Line)> LinesAsync(
        string file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = Open(file);
        var lines = new LineReader(stream);
        long number = 0;
        while (await lines.ReadAsync(cancellationToken) is { } offset)
        {
            number++;
            if (!lines.Line.IsEmpty)
            {
                yield return (offset, number, lines.Line);
            }
        }
    }

    private static async Task<Stage1Document?> ReadAtAsync(string file, long offset, CancellationToken cancellationToken)
    {
        await using var stream = Open(file);
        if (offset < 0 || offset >= stream.Length)
        {
            return null;
        }

        stream.Seek(offset, SeekOrigin.Begin);
        var lines = new LineReader(stream);
        return await lines.ReadAsync(cancellationToken) is not null && !lines.Line.IsEmpty
            ? Parse(lines.Line.Span, file, lineNumber: null)
            : null;
    }

    private static FileStream Open(string file)
    {
        try
        {
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Missing(file, e);
        }
    }

    private static FileNotFoundException Missing(string file, Exception? inner = null) =>
        new($"Stage 1's job file {file} does not exist: stage2.input_dir must be Stage 1's stage1.output_dir as this machine sees it, " +
            "and the Stage 1 job must have completed", file, inner);

    /// <summary>Only the <c>line</c> member of a line (to index a file without building its documents).</summary>
    private static long InputLine(ReadOnlySpan<byte> json, string file, long lineNumber)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isLine = reader.ValueTextEquals("line"u8);
                reader.Read();
                if (isLine && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var line))
                {
                    return line;
                }

                reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}:{lineNumber}: not a JSON object: {e.Message}", e);
        }

        throw new InvalidDataException($"{file}:{lineNumber}: no whole-number 'line' member");
    }

    private static Stage1Document Parse(ReadOnlySpan<byte> json, string file, long? lineNumber)
    {
        var place = lineNumber is { } n ? string.Create(CultureInfo.InvariantCulture, $"{file}:{n}") : file;
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{place}: not a JSON object: {e.Message}", e);
        }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{place}: a {root.ValueKind} where Stage 1's cleaned document (a JSON object) was expected");
            }

            string Required(string name) =>
                root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                    ? text
                    : throw new InvalidDataException($"{place}: '{name}' is missing or not a non-empty string");
            string? Optional(string name) =>
                root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

            var line = root.TryGetProperty("line", out var lineValue) && lineValue.TryGetInt64(out var l)
                ? l
                : throw new InvalidDataException($"{place}: 'line' is missing or not a whole number");
            DateTimeOffset? publishedAt = null;
            if (Optional("published_at") is { } published)
            {
                publishedAt = DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date)
                    ? date
                    : throw new InvalidDataException($"{place}: 'published_at' '{published}' is not an ISO 8601 date and time");
            }

            return new Stage1Document(
                Required("id"), Required("job_id"), line, Optional("batch_id"), Optional("title"), Required("text"), Optional("language"), publishedAt);
        }
    }

    private sealed record FileIndex(long Length, DateTime LastWriteUtc, Dictionary<long, long> Offsets);

    /// <summary>Reads a stream line by line from its position (LF, an optional CR before it dropped), keeping each line's byte offset.</summary>
    private sealed class LineReader(Stream stream)
    {
        private byte[] _data = new byte[1 << 16];
        private int _start;
        private int _end;
        private long _position = stream.Position;
        private bool _eof;

        /// <summary>The bytes of the line last read (valid until the next read).</summary>
        public ReadOnlyMemory<byte> Line { get; private set; }

        /// <summary>Reads the next line into <see cref="Line"/> and returns its offset in the stream; null at the end.</summary>
        public async Task<long?> ReadAsync(CancellationToken cancellationToken)
        {
            var scanned = 0;
            while (true)
            {
                var newline = _data.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    return Take(_start + scanned + newline, consumed: 1);
                }

                scanned = _end - _start;
                if (_eof)
                {
                    return _end > _start ? Take(_end, consumed: 0) : null;
                }

                if (_start > 0)
                {
                    _data.AsSpan(_start, _end - _start).CopyTo(_data);
                    _end -= _start;
                    _start = 0;
                }

                if (_end == _data.Length)
                {
                    Array.Resize(ref _data, _data.Length * 2);
                }

                var read = await stream.ReadAsync(_data.AsMemory(_end), cancellationToken);
                _eof = read == 0;
                _end += read;
            }
        }

        private long Take(int lineEnd, int consumed)
        {
            var offset = _position;
            var end = lineEnd > _start && _data[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;
            Line = _data.AsMemory(_start, end - _start);
            _position += lineEnd + consumed - _start;
            _start = lineEnd + consumed;
            return offset;
        }
    }
}
