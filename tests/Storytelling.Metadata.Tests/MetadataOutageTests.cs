using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Storytelling.Testing;

namespace Storytelling.Metadata.Tests;

/// <summary>The registry's primary goes down and comes back: a PostgreSQL server of this class's own, stopped and started.</summary>
public sealed class MetadataOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<MetadataRegistryOptions> _outboxes = [];
    private ThrowawayPostgres? _server;

    private ThrowawayPostgres Server => _server!;

    [Fact]
    public async Task Writes_made_while_the_primary_is_down_are_delivered_in_order_once_it_is_back()
    {
        var options = RegistryTestOptions.Throwaway(Server);
        _outboxes.Add(options);
        await using var registry = MetadataRegistry.Start(options, RegistryTestOptions.Redis, NullLoggerFactory.Instance);
        var recorder = registry.Recorder(RegistryStages.Stage2);
        var first = Samples.NewJobId();
        await recorder.JobStartedAsync(first, "before", 2, CancellationToken.None);
        await recorder.DocumentsWrittenAsync(Samples.Documents(first, 2), CancellationToken.None);
        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None));

        await Server.StopAsync();
        var jobId = Samples.NewJobId();
        var started = Stopwatch.GetTimestamp();
        await recorder.JobStartedAsync(jobId, "during", 100, CancellationToken.None);
        for (var batch = 0; batch < 10; batch++)
        {
            var documents = Enumerable.Range(batch * 10 + 1, 10).Select(n => Samples.Document(jobId, n)).ToList();
            await recorder.DocumentsWrittenAsync(documents, CancellationToken.None);
            await recorder.EventsWrittenAsync([.. documents.Select(d => Samples.Event(jobId, d.DocumentId, 1))], CancellationToken.None);
        }

        await recorder.JobFinishedAsync(jobId, null, CancellationToken.None);
        var recording = Stopwatch.GetElapsedTime(started);

        Assert.True(recording < TimeSpan.FromSeconds(5), $"recording 202 writes with the primary down took {recording}");
        Assert.False(await registry.WaitForDeliveryAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.Equal(202, registry.Pending);
        var gauges = ObserveGauges();
        Assert.True(gauges["metadata_registry_outbox_entries"] >= 202, $"outbox entries gauge: {gauges["metadata_registry_outbox_entries"]}");
        Assert.True(gauges["metadata_registry_outbox_oldest_age"] > 0, "the oldest waiting write has an age");

        await Server.StartAgainAsync();
        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None), $"{registry.Pending} writes still waiting after the primary came back");

        Assert.Equal(102, await CountAsync(options, "SELECT count(*) FROM registry.document_metadata"));
        Assert.Equal(100, await CountAsync(options, "SELECT count(DISTINCT event_id) FROM registry.event_metadata"));
        Assert.Equal(100, await CountAsync(options, "SELECT count(*) FROM registry.event_metadata"));
        var job = await registry.Reader.GetJobAsync(jobId, RegistryStages.Stage2, CancellationToken.None);
        Assert.Equal((JobStatuses.Completed, 100L), (job?.Status, job?.DocumentCount));
    }

    [Fact]
    public async Task An_outbox_left_by_a_stopped_process_is_delivered_by_the_next_one()
    {
        var outboxDir = Directory.CreateTempSubdirectory("registry-outbox-").FullName;
        var options = RegistryTestOptions.Throwaway(Server, outboxDir);
        var unreachable = RegistryTestOptions.Throwaway(Server, outboxDir);
        unreachable.PostgresPort = FreePort();
        var jobId = Samples.NewJobId();
        string leftBehind;
        await using (var stopped = MetadataRegistry.Start(unreachable, RegistryTestOptions.Redis, NullLoggerFactory.Instance))
        {
            var recorder = stopped.Recorder(RegistryStages.Stage1);
            await recorder.JobStartedAsync(jobId, "b", 5, CancellationToken.None);
            await recorder.DocumentsWrittenAsync(Samples.Documents(jobId, 5), CancellationToken.None);
            leftBehind = stopped.OutboxFile!;
        }

        Assert.True(File.Exists(leftBehind));

        await using (var next = MetadataRegistry.Start(options, RegistryTestOptions.Redis, NullLoggerFactory.Instance))
        {
            await WaitForDeliveryOfAsync(leftBehind);
            Assert.Equal(5, (await next.Reader.DocumentsOfJobAsync(jobId, 10, CancellationToken.None)).Count);
            Assert.Equal(JobStatuses.Running, (await next.Reader.GetJobAsync(jobId, RegistryStages.Stage1, CancellationToken.None))?.Status);
        }

        Directory.Delete(outboxDir, recursive: true);
    }

    private static async Task WaitForDeliveryOfAsync(string leftBehind)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (File.Exists(leftBehind))
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox left behind was not delivered");
            await Task.Delay(50);
        }
    }

    public async Task InitializeAsync() => _server = await ThrowawayPostgres.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _outboxes.ForEach(RegistryTestOptions.DeleteOutbox);
    }

    private static async Task<long> CountAsync(MetadataRegistryOptions options, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ToPostgresOptions().BuildConnectionString()) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(sql, connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static Dictionary<string, double> ObserveGauges()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Storytelling.Metadata" && instrument.Name.StartsWith("metadata_registry_outbox", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
