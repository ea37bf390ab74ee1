using System.ComponentModel.DataAnnotations;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Storytelling.Articles.Internal;

namespace Storytelling.Articles;

/// <summary>
/// Streams articles out of JSONL input (docs/input-format.md): one result per non-blank line, in input order,
/// holding at most one line (up to <see cref="ArticleInputOptions.MaxLineBytes"/>) plus one read buffer in memory.
/// Bad lines become <see cref="RejectedRecord"/>s and reading goes on; I/O errors and cancellation propagate.
/// A reader holds no per-input state and may be shared.
/// </summary>
public sealed class ArticleReader
{
    private const int ReadBufferBytes = 64 * 1024;

    private readonly ArticleInputOptions _options;

    public ArticleReader()
        : this(new ArticleInputOptions())
    {
    }

    /// <exception cref="ValidationException">An option is outside its allowed range.</exception>
    public ArticleReader(ArticleInputOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _options = new ArticleInputOptions
        {
            MaxLineBytes = options.MaxLineBytes,
            MaxDocumentBytes = options.MaxDocumentBytes,
            RejectedExcerptChars = options.RejectedExcerptChars,
        };
    }

    /// <summary>Reads <paramref name="stream"/> (left open) to its end; <paramref name="fileName"/> names it in every location.</summary>
    public IAsyncEnumerable<ArticleReadResult> ReadAsync(Stream stream, string fileName, CancellationToken cancellationToken) =>
        ReadAsync(stream, fileName, new ArticleReadStatistics(), cancellationToken);

    /// <summary>As <see cref="ReadAsync(Stream, string, CancellationToken)"/>, counting lines into <paramref name="statistics"/> as it goes.</summary>
    public IAsyncEnumerable<ArticleReadResult> ReadAsync(
        Stream stream, string fileName, ArticleReadStatistics statistics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(statistics);
        if (!stream.CanRead)
        {
            throw new ArgumentException($"The stream for '{fileName}' is not readable.", nameof(stream));
        }

        return ReadCoreAsync(stream, fileName, statistics, cancellationToken);
    }

    /// <summary>Reads the file at <paramref name="path"/>; locations name the path as given.</summary>
    public IAsyncEnumerable<ArticleReadResult> ReadFileAsync(string path, CancellationToken cancellationToken) =>
        ReadFileAsync(path, new ArticleReadStatistics(), cancellationToken);

    /// <summary>As <see cref="ReadFileAsync(string, CancellationToken)"/>, counting lines into <paramref name="statistics"/> as it goes.</summary>
    public IAsyncEnumerable<ArticleReadResult> ReadFileAsync(
        string path, ArticleReadStatistics statistics, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(statistics);
        return ReadFileCoreAsync(path, statistics, cancellationToken);
    }

    private async IAsyncEnumerable<ArticleReadResult> ReadFileCoreAsync(
        string path, ArticleReadStatistics statistics, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0,
        });
        await using (file)
        {
            await foreach (var result in ReadCoreAsync(file, path, statistics, cancellationToken))
            {
                yield return result;
            }
        }
    }

    private async IAsyncEnumerable<ArticleReadResult> ReadCoreAsync(
        Stream stream, string fileName, ArticleReadStatistics statistics, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(
            bufferSize: ReadBufferBytes, minimumReadSize: ReadBufferBytes / 4, leaveOpen: true));
        var splitter = new LineSplitter(_options, new ArticleLineProcessor(fileName, _options, statistics));
        var ready = new List<ArticleReadResult>();
        try
        {
            while (true)
            {
                var read = await pipe.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                var (consumed, examined) = splitter.Split(buffer, read.IsCompleted, ready);
                statistics.CountBytes(buffer.Slice(buffer.Start, consumed).Length);
                pipe.AdvanceTo(consumed, examined);

                foreach (var result in ready)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return result;
                }

                ready.Clear();
                if (read.IsCompleted)
                {
                    break;
                }
            }
        }
        finally
        {
            await pipe.CompleteAsync();
        }
    }
}
