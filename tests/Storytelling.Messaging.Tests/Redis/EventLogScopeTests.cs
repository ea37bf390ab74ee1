using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Storytelling.CloudEvents;

namespace Storytelling.Messaging.Tests.Redis;

/// <summary>Log lines written while an event is handled carry its trace id and identity, so an operator can follow one job through the stages.</summary>
public sealed partial class EventLogScopeTests
{
    [Fact]
    public async Task Lines_logged_by_the_handler_and_by_the_engine_carry_the_events_trace_id_and_entry()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        using var capture = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(capture).SetMinimumLevel(LogLevel.Debug));
        var handlerLogger = loggers.CreateLogger("Stage.Handler");
        var attempts = 0;
        var consumer = harness.Run(harness.Options(), context =>
        {
            Handling(handlerLogger, context.Event.Subject);
            return Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("first attempt fails") : Task.CompletedTask;
        }, loggers.CreateLogger("Engine"));
        var trace = TraceContext.CreateNew();
        var published = (ConsumerHarness.Event("doc-event-1") with { Subject = "doc-17" }).WithTraceContext(trace.CreateChild());

        var entryId = (await harness.PublishAsync(published)).ToString();
        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.Processed == 1, "the event handled on its second attempt");

        var handled = capture.Lines.Where(l => l.Category == "Stage.Handler").ToList();
        Assert.Equal(2, handled.Count);
        Assert.All(handled, line =>
        {
            Assert.Equal(trace.TraceId, line.Scope["trace_id"]);
            Assert.Equal("doc-event-1", line.Scope["event_id"]);
            Assert.Equal("doc-17", line.Scope["event_subject"]);
            Assert.Equal(entryId, line.Scope["entry_id"]);
        });
        Assert.Equal([1L, 2L], handled.Select(l => l.Scope["attempt"]).Order());
        var failed = Assert.Single(capture.Lines, l => l.Category == "Engine" && l.Message.StartsWith("event_processing_failed", StringComparison.Ordinal));
        Assert.Equal(trace.TraceId, failed.Scope["trace_id"]);
    }

    [Fact]
    public async Task An_event_without_traceparent_is_logged_with_an_empty_trace_id()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        using var capture = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(capture));
        var handlerLogger = loggers.CreateLogger("Stage.Handler");
        var consumer = harness.Run(harness.Options(), context =>
        {
            Handling(handlerLogger, context.Event.Subject);
            return Task.CompletedTask;
        }, loggers.CreateLogger("Engine"));

        await harness.PublishAsync(ConsumerHarness.Event("untraced"));
        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.Processed == 1, "the event handled");

        var line = Assert.Single(capture.Lines, l => l.Category == "Stage.Handler");
        Assert.Null(line.Scope["trace_id"]);
        Assert.Equal("untraced", line.Scope["event_id"]);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "handling {Document}")]
    private static partial void Handling(ILogger logger, string? document);

    private sealed record CapturedLine(string Category, string Message, IReadOnlyDictionary<string, object?> Scope);

    /// <summary>Keeps every line with the fields of the scopes around it, as the JSON console formatter writes them.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<CapturedLine> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                provider._scopes.ForEachScope(
                    (scope, collected) =>
                    {
                        if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                        {
                            foreach (var (key, value) in pairs)
                            {
                                collected[key] = value;
                            }
                        }
                    },
                    fields);
                provider.Lines.Enqueue(new CapturedLine(category, formatter(state, exception), fields));
            }
        }
    }
}
