using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Storytelling.Stage2.Storage;

namespace Storytelling.Stage2.Backends;

/// <summary>
/// Writes each analysed document to every backend of <c>stage2.storage_backends</c>: PostgreSQL first (required: its
/// failure fails the work item, which is retried), then the optional ones (JSONL, Elasticsearch). An optional backend
/// that fails never fails the document: the failure is counted (<c>stage2_backend_writes_total{backend,status}</c>),
/// logged with the document and the reason, and kept in <c>stage2.backend_failures</c> so an operator can see and
/// replay what that backend is missing. The same holds for the backends' job completion step.
/// </summary>
public sealed class MultiBackendWriter : IDisposable
{
    public const string MeterName = "Storytelling.Stage2";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Writes = Meter.CreateCounter<long>(
        "stage2.backend.writes", description: "Writes to Stage 2's storage backends (documents and job outputs) by backend and status (ok, failed)");

    private readonly IStorageBackend _required;
    private readonly IReadOnlyList<IStorageBackend> _optional;
    private readonly Stage2Store _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly List<IDisposable> _owned;

    /// <param name="required">Written first; its failure is the caller's.</param>
    /// <param name="optional">Written after it, in order; their failures are recorded, never thrown.</param>
    /// <param name="owned">Disposed with this writer.</param>
    public MultiBackendWriter(
        IStorageBackend required, IReadOnlyList<IStorageBackend> optional, Stage2Store store, ILogger<MultiBackendWriter> logger, TimeProvider time,
        IEnumerable<IDisposable>? owned = null)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(optional);
        _required = required;
        _optional = optional;
        _store = store;
        _logger = logger;
        _time = time;
        _owned = [.. owned ?? []];
    }

    /// <summary>The backends of <c>stage2.storage_backends</c> (checked by <see cref="Stage2Options"/>'s validation: known names, postgresql among them).</summary>
    public static MultiBackendWriter Create(Stage2Options options, Stage2Store store, ILoggerFactory loggers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var owned = new List<IDisposable>();
        var optional = new List<IStorageBackend>();
        foreach (var name in options.StorageBackends.Distinct())
        {
            switch (name)
            {
                case PostgresBackend.BackendName:
                    break;
                case JsonlBackend.BackendName:
                    var jsonl = new JsonlBackend(store, options.OutputDir, options.ProgressiveSave);
                    owned.Add(jsonl);
                    optional.Add(jsonl);
                    break;
                case ElasticsearchBackend.BackendName:
                    var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
                    owned.Add(http);
                    optional.Add(new ElasticsearchBackend(
                        http, new Uri(options.ElasticsearchUrl), options.ElasticsearchIndexPrefix, options.ElasticsearchApiKey,
                        TimeSpan.FromSeconds(options.ElasticsearchTimeoutSeconds)));
                    break;
                default:
                    throw new ArgumentException(
                        $"stage2.storage_backends holds '{name}', which is not a storage backend; allowed: {string.Join(", ", Stage2Options.KnownBackends)}", nameof(options));
            }
        }

        return new MultiBackendWriter(new PostgresBackend(store), optional, store, loggers.CreateLogger<MultiBackendWriter>(), time, owned);
    }

    /// <summary>Backend names in the order they are written.</summary>
    public IReadOnlyList<string> Names => [_required.Name, .. _optional.Select(b => b.Name)];

    /// <summary>Writes the document to the required backend (throwing if it fails), then to each optional one.</summary>
    public async Task WriteAsync(AnalysedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        await WriteRequiredAsync(() => _required.WriteAsync(document, cancellationToken));
        var item = document.Item;
        foreach (var backend in _optional)
        {
            try
            {
                await backend.WriteAsync(document, cancellationToken);
                Writes.Add(1, Tags(backend, "ok"));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Writes.Add(1, Tags(backend, "failed"));
                Log.BackendWriteFailed(_logger, e, backend.Name, item.JobId, item.Line, item.DocumentId, e.Message);
                await _store.SaveBackendFailureAsync(backend.Name, item.JobId, item.Line, item.DocumentId, Describe(e), _time.GetUtcNow(), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Runs every backend's job completion step (e.g. the JSONL backend's final files) and returns what they wrote,
    /// name → path; an optional backend's failure is recorded like a document's (with no line) and leaves its files out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> CompleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var written = new Dictionary<string, string>(await _required.CompleteJobAsync(jobId, cancellationToken));
        foreach (var backend in _optional)
        {
            await _store.ClearJobBackendFailureAsync(backend.Name, jobId, cancellationToken);
            try
            {
                foreach (var (name, path) in await backend.CompleteJobAsync(jobId, cancellationToken))
                {
                    written[name] = path;
                }

                Writes.Add(1, Tags(backend, "ok"));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Writes.Add(1, Tags(backend, "failed"));
                Log.BackendJobOutputFailed(_logger, e, backend.Name, jobId, e.Message);
                await _store.SaveBackendFailureAsync(backend.Name, jobId, null, null, Describe(e), _time.GetUtcNow(), cancellationToken);
            }
        }

        return written;
    }

    /// <summary>
    /// Writes again what the optional backends are missing (<c>stage2.backend_failures</c>, of one job or all): a
    /// document is read back from PostgreSQL and written to the backend that missed it; the JSONL backend, whose files
    /// are made from PostgreSQL when a job completes, writes a completed job's files again (which also covers its
    /// documents' progressive appends) and waits for a running job. A write that works removes its row; one that fails
    /// again keeps the row with the new error.
    /// </summary>
    public async Task<IReadOnlyList<BackendReplay>> ReplayAsync(string? jobId, CancellationToken cancellationToken)
    {
        var results = new List<BackendReplay>();
        var failures = await _store.ReadBackendFailuresAsync(jobId, cancellationToken);
        foreach (var group in failures.GroupBy(f => (f.Backend, f.JobId)))
        {
            var (name, job) = group.Key;
            var backend = _optional.FirstOrDefault(b => b.Name == name);
            if (backend is null)
            {
                results.AddRange(group.Select(f => Replayed(f, "skipped", $"{name} is not in stage2.storage_backends here")));
            }
            else if (backend is JsonlBackend)
            {
                results.AddRange(await ReplayJobOutputAsync(backend, job, [.. group], cancellationToken));
            }
            else
            {
                foreach (var failure in group)
                {
                    results.Add(await ReplayDocumentAsync(backend, failure, cancellationToken));
                }
            }
        }

        return results;
    }

    private async Task<IEnumerable<BackendReplay>> ReplayJobOutputAsync(
        IStorageBackend backend, string jobId, IReadOnlyList<BackendFailure> failures, CancellationToken cancellationToken)
    {
        if (await _store.GetCountsAsync(jobId, cancellationToken) is not { IsCompleted: true })
        {
            return failures.Select(f => Replayed(f, "skipped", $"job {jobId} is not completed yet; its {backend.Name} files are written when it completes"));
        }

        try
        {
            await backend.CompleteJobAsync(jobId, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Writes.Add(1, Tags(backend, "failed"));
            await _store.SaveBackendFailureAsync(backend.Name, jobId, null, null, Describe(e), _time.GetUtcNow(), cancellationToken);
            return failures.Select(f => Replayed(f, "failed", Describe(e)));
        }

        Writes.Add(1, Tags(backend, "ok"));
        foreach (var failure in failures)
        {
            await _store.DeleteBackendFailureAsync(backend.Name, jobId, failure.Line, cancellationToken);
        }

        return failures.Select(f => Replayed(f, "written", null));
    }

    private async Task<BackendReplay> ReplayDocumentAsync(IStorageBackend backend, BackendFailure failure, CancellationToken cancellationToken)
    {
        if (failure.Line is not { } line)
        {
            return Replayed(failure, "skipped", $"{backend.Name} writes nothing per job to replay");
        }

        var document = await _store.ReadAnalysedAsync(failure.JobId, line, cancellationToken);
        if (document is null)
        {
            return Replayed(failure, "skipped", $"job {failure.JobId} line {line} is not stored in PostgreSQL (it failed or was never analysed)");
        }

        try
        {
            await backend.WriteAsync(document, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Writes.Add(1, Tags(backend, "failed"));
            await _store.SaveBackendFailureAsync(backend.Name, failure.JobId, line, failure.DocumentId, Describe(e), _time.GetUtcNow(), cancellationToken);
            return Replayed(failure, "failed", Describe(e));
        }

        Writes.Add(1, Tags(backend, "ok"));
        await _store.DeleteBackendFailureAsync(backend.Name, failure.JobId, line, cancellationToken);
        return Replayed(failure, "written", null);
    }

    private static BackendReplay Replayed(BackendFailure failure, string outcome, string? error) =>
        new(failure.Backend, failure.JobId, failure.Line, failure.DocumentId, outcome, error);

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private async Task WriteRequiredAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch
        {
            Writes.Add(1, Tags(_required, "failed"));
            throw;
        }

        Writes.Add(1, Tags(_required, "ok"));
    }

    private static KeyValuePair<string, object?>[] Tags(IStorageBackend backend, string status) =>
        [new("backend", backend.Name), new("status", status)];

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}
