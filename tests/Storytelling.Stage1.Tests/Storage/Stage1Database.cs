using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.Stage1.Storage;
using Storytelling.Storage;
using Storytelling.Testing;

namespace Storytelling.Stage1.Tests.Storage;

/// <summary>A migrated stage1 schema in a database of the test class's own (<see cref="PostgresDatabaseFixture"/>).</summary>
public sealed class Stage1Database : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private Stage1Store? _store;

    /// <summary>The time the store's clock reads (started_at, a failed job's completed_at).</summary>
    public static DateTimeOffset Now { get; } = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    public Stage1Store Store => _store ?? throw new InvalidOperationException("The database is not migrated yet.");

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Stage1Store.MigrateAsync(new PostgresMigrator(_database.DataSource, NullLogger<PostgresMigrator>.Instance), timeout.Token);
        _store = new Stage1Store(_database.DataSource, Outcomes.Hasher, new FixedClock(Now));
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
