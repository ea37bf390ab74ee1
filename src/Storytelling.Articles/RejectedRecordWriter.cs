using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Storytelling.Articles;

/// <summary>
/// Appends <see cref="RejectedRecord"/>s as JSONL, one object per line
/// (<c>file, line, code, reason, byte_length, excerpt</c>), flushing after each write.
/// Writes may come from several tasks at once; each line is written whole.
/// </summary>
public sealed class RejectedRecordWriter : IAsyncDisposable
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // The file is read by people and JSON tools, never embedded in HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private long _written;
    private int _disposed;

    /// <param name="stream">A writable stream; written at its current position.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the writer is disposed.</param>
    public RejectedRecordWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream for rejected records is not writable.", nameof(stream));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>How many records this writer has written.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Opens <paramref name="path"/> for appending, creating the file (not its folder) when missing.</summary>
    public static RejectedRecordWriter AppendToFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous,
        });
        return new RejectedRecordWriter(file, leaveOpen: false);
    }

    public async Task WriteAsync(RejectedRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            _buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_buffer, JsonOptions))
            {
                json.WriteStartObject();
                json.WriteString("file"u8, record.File);
                json.WriteNumber("line"u8, record.Line);
                json.WriteString("code"u8, record.Code);
                json.WriteString("reason"u8, record.Reason);
                json.WriteNumber("byte_length"u8, record.ByteLength);
                json.WriteString("excerpt"u8, record.Excerpt);
                json.WriteEndObject();
            }

            _buffer.Write("\n"u8);
            await _stream.WriteAsync(_buffer.WrittenMemory, cancellationToken);
            await _stream.FlushAsync(cancellationToken);
            Interlocked.Increment(ref _written);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task WriteAsync(IEnumerable<RejectedRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            await WriteAsync(record, cancellationToken);
        }
    }

    /// <summary>Waits for a write in progress, then closes the stream unless it was left open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            if (!_leaveOpen)
            {
                await _stream.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
