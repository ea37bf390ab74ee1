using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Storytelling.Metadata.Internal;
using Storytelling.Redis;

namespace Storytelling.Metadata;

/// <summary>
/// The registry's write side for one process (ADR 9): this process's durable outbox in
/// <see cref="MetadataRegistryOptions.OutboxDir"/>, the background deliverer that drains it (and any outbox a stopped
/// process left there) into the primary, and one <see cref="IMetadataRecorder"/> per stage. Nothing connects at start,
/// so a primary that is down delays delivery but never the pipeline. In write-only mode there is no outbox and no
/// delivery: the recorders count and log.
/// </summary>
public sealed class MetadataRegistry : IAsyncDisposable
{
    private readonly MetadataBackends _backends;
    private readonly MetadataOutbox? _outbox;
    private readonly MetadataDeliverer? _deliverer;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, MetadataRecorder> _recorders = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    private MetadataRegistry(MetadataRegistryOptions options, MetadataBackends backends, MetadataOutbox? outbox, ILoggerFactory loggers, TimeProvider time)
    {
        Options = options;
        _backends = backends;
        _outbox = outbox;
        _loggers = loggers;
        _time = time;
        _logger = loggers.CreateLogger<MetadataRegistry>();
        Reader = new MetadataReader(backends, owned: false);
        if (outbox is not null)
        {
            MetadataMetrics.Track(outbox);
            _deliverer = new MetadataDeliverer(outbox, backends.Store, backends.PrepareAsync, backends.Cache, options, loggers.CreateLogger<MetadataDeliverer>());
        }

        Log.Started(_logger, options.PrimaryBackend, backends.Cache is not null, options.WriteOnly, options.PercentageRollout, outbox?.File ?? "(write-only: none)", Pending);
    }

    public MetadataRegistryOptions Options { get; }

    /// <summary>Reads through the same primary and cache.</summary>
    public MetadataReader Reader { get; }

    /// <summary>Writes waiting in this process's outbox.</summary>
    public long Pending => _outbox?.Pending ?? 0;

    /// <summary>This process's outbox file, or null in write-only mode.</summary>
    public string? OutboxFile => _outbox?.File;

    /// <summary>
    /// Starts the registry of this process. <paramref name="redis"/> is the <c>redis</c> section (its server; the
    /// database is <see cref="MetadataRegistryOptions.RedisDb"/>).
    /// </summary>
    public static MetadataRegistry Start(MetadataRegistryOptions options, RedisOptions redis, ILoggerFactory loggers, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(loggers);
        var backends = new MetadataBackends(options, options.ToPostgresOptions(), options.ToRedisOptions(redis), loggers);
        var outbox = options.WriteOnly ? null : MetadataOutbox.Create(options.OutboxDir);
        return new MetadataRegistry(options, backends, outbox, loggers, time ?? TimeProvider.System);
    }

    /// <summary>The recorder of <paramref name="stage"/> (one per stage, shared by its callers).</summary>
    public IMetadataRecorder Recorder(string stage) =>
        _recorders.GetOrAdd(stage, s => new MetadataRecorder(s, Options, _outbox, () => _deliverer?.Notify(), _loggers.CreateLogger<MetadataRecorder>(), _time));

    /// <summary>Waits until every write of this process's outbox is delivered; false when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitForDeliveryAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (Pending > 0)
        {
            if (_time.GetUtcNow() >= deadline)
            {
                return false;
            }

            _deliverer?.Notify();
            await Task.Delay(20, cancellationToken);
        }

        return true;
    }

    /// <summary>Stops delivering after a short last attempt (2 s); what is left stays in the outbox for the next process.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_deliverer is not null)
        {
            await WaitForDeliveryAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
            await _deliverer.DisposeAsync();
        }

        if (_outbox is not null)
        {
            Log.Stopped(_logger, _outbox.Pending, _outbox.File);
            MetadataMetrics.Untrack(_outbox);
            if (_outbox.Pending == 0)
            {
                _outbox.DisposeAndDelete();
            }
            else
            {
                _outbox.Dispose();
            }
        }

        await _backends.DisposeAsync();
    }
}
