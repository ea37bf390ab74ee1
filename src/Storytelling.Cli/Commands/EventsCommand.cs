using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;

namespace Storytelling.Cli.Commands;

/// <summary>
/// <c>storytelling events health|metrics|pending|dlq list|dlq show|dlq replay|replay</c>: the operator's view of the
/// event consumer's stream, group and dead letters (settings <c>event_consumer.*</c>), read from Redis
/// (<c>redis.*</c>, database <c>stage1.redis_db</c>, where the Stage 1 event stream and the dead letters live).
/// See docs/cloudevents-redis-streams.md.
/// </summary>
public static class EventsCommand
{
    public static Command Create(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var health = new Command("health", "The consumer group's health: stream and group exist, running, pending, lag, oldest pending age, dead letters (exit 1 when unhealthy).")
        {
            Json(),
        };
        register(health, (context, token) => WithRedisAsync(context, (redis, options) => HealthAsync(context, redis, options, JsonOf(context, health), token)));

        var metrics = new Command("metrics", "What Redis knows without the consumer process: stream length, group pending, lag and position, dead letters, replays.")
        {
            Json(),
        };
        register(metrics, (context, token) => WithRedisAsync(context, (redis, options) => MetricsAsync(context, redis, options, JsonOf(context, metrics), token)));

        var pendingLimit = new Option<int>("--limit") { Description = "How many pending entries to list.", DefaultValueFactory = _ => 20 };
        var pending = new Command("pending", "Entries delivered to the group and not yet acknowledged: who holds them, for how long, how often delivered.")
        {
            Json(),
            pendingLimit,
        };
        register(pending, (context, token) => WithRedisAsync(context, (redis, options) =>
            PendingAsync(context, redis, options, Positive(context.ParseResult.GetValue(pendingLimit), "--limit"), JsonOf(context, pending), token)));

        return new Command("events", "Inspect and operate the event consumer's stream, group and dead letters.")
        {
            health,
            metrics,
            pending,
            DeadLetterCommand(register),
            ReplayCommand(register),
        };
    }

    private static Command DeadLetterCommand(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var limit = new Option<int>("--limit") { Description = "How many dead letters to list (newest first).", DefaultValueFactory = _ => 20 };
        var list = new Command("list", "List dead letters, newest first.") { Json(), limit };
        register(list, (context, token) => WithRedisAsync(context, (redis, options) =>
            ListAsync(context, new DeadLetters(redis, options.DeadLetterStream), Positive(context.ParseResult.GetValue(limit), "--limit"), JsonOf(context, list), token)));

        var showId = new Argument<string>("entry-id") { Description = "The dead letter's entry id (from 'events dlq list')." };
        var show = new Command("show", "Show one dead letter: the original event, the reason, attempts, first and last failure, the consumer.") { showId, Json() };
        register(show, (context, token) => WithRedisAsync(context, (redis, options) =>
            ShowAsync(context, new DeadLetters(redis, options.DeadLetterStream), EntryId(context.ParseResult.GetValue(showId)!), JsonOf(context, show), token)));

        var replayId = new Argument<string?>("entry-id") { Description = "The dead letter to replay.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Replay every dead letter." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be replayed; change nothing." };
        var replay = new Command("replay", "Publish a dead letter's original event (same CloudEvent id) back to its stream and remove the dead letter.")
        {
            replayId,
            all,
            dryRun,
            Json(),
        };
        register(replay, (context, token) => WithRedisAsync(context, (redis, options) => ReplayDeadLettersAsync(
            context, new DeadLetters(redis, options.DeadLetterStream), context.ParseResult.GetValue(replayId), context.ParseResult.GetValue(all),
            context.ParseResult.GetValue(dryRun), JsonOf(context, replay), token)));

        return new Command("dlq", "Dead letters: list, show, replay.") { list, show, replay };
    }

    private static Command ReplayCommand(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var since = new Option<string>("--since") { Description = "Where to start: an ISO 8601 time (UTC unless it says otherwise) or an age such as 90m, 6h, 2d.", Required = true };
        var group = new Option<string?>("--group") { Description = "The fresh group to create (default: <consumer_group>-replay-<UTC time now>)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be re-processed and what idempotency would skip; create nothing." };
        var replay = new Command("replay", "Re-process the stream from a point in time into a FRESH consumer group (the live group is not touched).")
        {
            since,
            group,
            dryRun,
            Json(),
        };
        register(replay, (context, token) => WithRedisAsync(context, (redis, options) => ReplaySinceAsync(
            context, redis, options, Since(context.ParseResult.GetValue(since)!), context.ParseResult.GetValue(group),
            context.ParseResult.GetValue(dryRun), JsonOf(context, replay), token)));
        return replay;
    }

    private static async Task<int> HealthAsync(CliContext context, RedisClient redis, ConsumerOptions options, bool asJson, CancellationToken cancellationToken)
    {
        var health = await new ConsumerHealthProbe(redis, options).CheckAsync(cancellationToken);
        if (asJson)
        {
            await WriteAsync(context, health.ToJson(indented: true), cancellationToken);
        }
        else
        {
            var lines = new List<string>
            {
                $"healthy       {YesNo(health.Healthy)}{(health.Error is null ? "" : $" ({health.Error})")}",
                $"enabled       {YesNo(health.Enabled)}",
                $"running       {YesNo(health.Running)}",
                $"stream        {health.Stream} ({(health.StreamExists ? "exists" : "missing")})",
                $"group         {health.Group} ({(health.GroupExists ? "exists" : "missing")})",
                $"pending       {health.PendingCount}{(health.OldestPendingAgeSeconds is { } age ? $" (oldest {age:0.#} s old)" : "")}",
                $"lag           {health.Lag?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}",
                $"dead letters  {health.DeadLetterLength} in {health.DeadLetterStream}",
            };
            lines.AddRange(health.Consumers.Select(c => $"consumer      {c.Name}: {c.Pending} pending, idle {c.IdleSeconds:0.#} s"));
            await WriteAsync(context, string.Join('\n', lines), cancellationToken);
        }

        return health.Healthy ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static async Task<int> MetricsAsync(CliContext context, RedisClient redis, ConsumerOptions options, bool asJson, CancellationToken cancellationToken)
    {
        var stream = options.SourceStream;
        var exists = await redis.ExistsAsync(stream, cancellationToken);
        var info = exists ? await redis.XInfoStreamAsync(stream, cancellationToken) : null;
        var group = exists ? (await redis.XInfoGroupsAsync(stream, cancellationToken)).FirstOrDefault(g => g.Name == options.ConsumerGroup) : null;
        var deadLetters = new DeadLetters(redis, options.DeadLetterStream);
        var deadLetterLength = await deadLetters.LengthAsync(cancellationToken);
        var replays = await deadLetters.ReplayCountAsync(cancellationToken);
        const string Note = "processed, failed, filtered, duplicates and latency are counted inside the consumer process: scrape its /metrics";
        if (asJson)
        {
            await WriteJsonAsync(context, writer =>
            {
                writer.WriteString("stream", stream);
                writer.WriteBoolean("stream_exists", exists);
                writer.WriteNumber("length", info?.Length ?? 0);
                WriteNullable(writer, "entries_added", info?.EntriesAdded);
                writer.WriteString("first_entry_id", info?.FirstEntry?.Id.ToString());
                writer.WriteString("last_entry_id", info?.LastEntry?.Id.ToString());
                writer.WriteString("group", options.ConsumerGroup);
                writer.WriteBoolean("group_exists", group is not null);
                writer.WriteNumber("pending", group?.Pending ?? 0);
                WriteNullable(writer, "lag", group?.Lag);
                WriteNullable(writer, "entries_read", group?.EntriesRead);
                writer.WriteString("last_delivered_id", group?.LastDeliveredId.ToString());
                writer.WriteNumber("consumers", group?.Consumers ?? 0);
                writer.WriteString("dead_letter_stream", options.DeadLetterStream);
                writer.WriteNumber("dead_letter_length", deadLetterLength);
                writer.WriteNumber("dlq_replays", replays);
                writer.WriteString("note", Note);
            }, cancellationToken);
            return ExitCodes.Ok;
        }

        await WriteAsync(context, string.Join('\n',
            $"stream             {stream}: {(exists ? $"{info!.Length} entries, last {info.LastEntry?.Id.ToString() ?? "-"}" : "missing")}",
            $"group              {options.ConsumerGroup}: " + (group is null
                ? "missing"
                : $"{group.Pending} pending, lag {group.Lag?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}, last delivered {group.LastDeliveredId}, {group.Consumers} consumers"),
            $"dead letters       {deadLetterLength} in {options.DeadLetterStream}",
            $"dead-letter replays {replays}",
            $"({Note})"), cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task<int> PendingAsync(CliContext context, RedisClient redis, ConsumerOptions options, int limit, bool asJson, CancellationToken cancellationToken)
    {
        var stream = options.SourceStream;
        var group = options.ConsumerGroup;
        PendingSummary summary;
        try
        {
            summary = await redis.XPendingAsync(stream, group, cancellationToken);
        }
        catch (RedisServerException e) when (e.IsNoGroup)
        {
            await context.Error.WriteLineAsync($"error: group '{group}' of stream '{stream}' does not exist (event_consumer.consumer_group / source_stream)".AsMemory(), cancellationToken);
            return ExitCodes.Failure;
        }

        var entries = summary.Count == 0 ? [] : await redis.XPendingAsync(stream, group, StreamId.Min, StreamId.Max, limit, cancellationToken: cancellationToken);
        var events = await Task.WhenAll(entries.Select(async p =>
        {
            var found = await redis.XRangeAsync(stream, p.Id, p.Id, 1, cancellationToken);
            return found.Count == 0 ? null : CloudEventStreamBinding.FromEntry(found[0]).Event;
        }));
        if (asJson)
        {
            await WriteJsonAsync(context, writer =>
            {
                writer.WriteString("stream", stream);
                writer.WriteString("group", group);
                writer.WriteNumber("pending", summary.Count);
                writer.WriteStartArray("consumers");
                foreach (var consumer in summary.Consumers)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", consumer.Name);
                    writer.WriteNumber("pending", consumer.Count);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteStartArray("entries");
                for (var i = 0; i < entries.Count; i++)
                {
                    writer.WriteStartObject();
                    writer.WriteString("entry_id", entries[i].Id.ToString());
                    writer.WriteString("consumer", entries[i].Consumer);
                    writer.WriteNumber("idle_seconds", entries[i].Idle.TotalSeconds);
                    writer.WriteNumber("deliveries", entries[i].DeliveryCount);
                    writer.WriteString("event_id", events[i]?.Id);
                    writer.WriteString("event_type", events[i]?.Type);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }, cancellationToken);
            return ExitCodes.Ok;
        }

        var lines = new List<string> { $"{summary.Count} pending in {stream} / {group}" };
        lines.AddRange(entries.Select((p, i) =>
            $"{p.Id}  {p.Consumer}  idle {p.Idle.TotalSeconds:0.#} s  deliveries {p.DeliveryCount}  {events[i]?.Type ?? "(deleted or invalid)"} {events[i]?.Id}"));
        await WriteAsync(context, string.Join('\n', lines), cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task<int> ListAsync(CliContext context, DeadLetters deadLetters, int limit, bool asJson, CancellationToken cancellationToken)
    {
        var letters = await deadLetters.ListAsync(limit, cancellationToken);
        var total = await deadLetters.LengthAsync(cancellationToken);
        if (asJson)
        {
            await WriteJsonAsync(context, writer =>
            {
                writer.WriteString("dead_letter_stream", deadLetters.Stream);
                writer.WriteNumber("total", total);
                writer.WriteStartArray("dead_letters");
                foreach (var letter in letters)
                {
                    WriteDeadLetter(writer, letter, withEvent: false);
                }

                writer.WriteEndArray();
            }, cancellationToken);
            return ExitCodes.Ok;
        }

        var lines = new List<string> { $"{total} dead letters in {deadLetters.Stream}" + (total > letters.Count ? $" (newest {letters.Count} shown)" : "") };
        lines.AddRange(letters.Select(l =>
            $"{l.Id}  {l.Event?.Type ?? "(invalid)"}  {l.Event?.Id ?? "-"}  {l.Reason}: {l.ErrorMessage}  attempts {l.Attempts}  last {Format(l.LastFailure)}  replays {l.Replays}"));
        await WriteAsync(context, string.Join('\n', lines), cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task<int> ShowAsync(CliContext context, DeadLetters deadLetters, StreamId id, bool asJson, CancellationToken cancellationToken)
    {
        var letter = await deadLetters.GetAsync(id, cancellationToken);
        if (letter is null)
        {
            await context.Error.WriteLineAsync($"error: no dead letter '{id}' in {deadLetters.Stream}".AsMemory(), cancellationToken);
            return ExitCodes.Failure;
        }

        if (asJson)
        {
            await WriteJsonAsync(context, writer => WriteDeadLetterFields(writer, letter, withEvent: true), cancellationToken);
            return ExitCodes.Ok;
        }

        await WriteAsync(context, string.Join('\n',
            $"dead letter    {letter.Id} in {deadLetters.Stream}",
            $"reason         {letter.Reason}: {letter.ErrorMessage}",
            $"attempts       {letter.Attempts}",
            $"first failure  {Format(letter.FirstFailure)}",
            $"last failure   {Format(letter.LastFailure)}",
            $"consumer       {letter.Consumer} (group {letter.Group})",
            $"source         {letter.SourceStream} entry {letter.SourceEntryId}",
            $"replays        {letter.Replays}",
            $"event          {(letter.Event is { } e ? CloudEventFormatter.Serialize(e) : $"(invalid: {letter.EventError})")}"), cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task<int> ReplayDeadLettersAsync(
        CliContext context, DeadLetters deadLetters, string? id, bool all, bool dryRun, bool asJson, CancellationToken cancellationToken)
    {
        if (all == (id is not null))
        {
            throw new CommandInputException("events dlq replay: give either one dead letter's entry id or --all, not both and not neither");
        }

        List<StreamId> ids = all
            ? [.. (await deadLetters.ListAsync(int.MaxValue, cancellationToken)).Select(l => StreamId.Parse(l.Id)).Reverse()]
            : [EntryId(id!)];
        var results = new List<DeadLetterReplay>();
        foreach (var letterId in ids)
        {
            var result = await deadLetters.ReplayAsync(letterId, dryRun, cancellationToken);
            if (result is null && !all)
            {
                await context.Error.WriteLineAsync($"error: no dead letter '{letterId}' in {deadLetters.Stream}".AsMemory(), cancellationToken);
                return ExitCodes.Failure;
            }

            if (result is not null)
            {
                results.Add(result);
            }
        }

        if (asJson)
        {
            await WriteJsonAsync(context, writer =>
            {
                writer.WriteBoolean("dry_run", dryRun);
                writer.WriteNumber("replayed", results.Count(r => r.Replayed));
                writer.WriteStartArray("dead_letters");
                foreach (var r in results)
                {
                    writer.WriteStartObject();
                    writer.WriteString("dead_letter_id", r.DeadLetterId);
                    writer.WriteString("event_id", r.EventId);
                    writer.WriteString("event_type", r.EventType);
                    writer.WriteString("event_source", r.EventSource);
                    writer.WriteString("target_stream", r.TargetStream);
                    writer.WriteString("group", r.Group);
                    writer.WriteString("done_marker", r.DoneMarker);
                    writer.WriteBoolean("replayed", r.Replayed);
                    writer.WriteString("new_entry_id", r.NewEntryId);
                    writer.WriteNumber("replays", r.Replays);
                    writer.WriteString("note", r.Note);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }, cancellationToken);
        }
        else
        {
            var lines = results.Select(r => dryRun
                ? $"would replay {r.DeadLetterId}: {r.EventType} {r.EventId} ({r.EventSource}) -> {r.TargetStream}; done marker {r.DoneMarker}; {r.Note}"
                : r.Replayed
                    ? $"replayed {r.DeadLetterId}: {r.EventType} {r.EventId} -> {r.TargetStream} as {r.NewEntryId} (replay {r.Replays}); dead letter removed; {r.Note}"
                    : $"skipped {r.DeadLetterId}: {r.Note}").ToList();
            if (lines.Count == 0)
            {
                lines.Add($"no dead letters in {deadLetters.Stream}");
            }

            await WriteAsync(context, string.Join('\n', lines), cancellationToken);
        }

        return results.All(r => r.Replayed || r.DryRun) ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static async Task<int> ReplaySinceAsync(
        CliContext context, RedisClient redis, ConsumerOptions options, DateTimeOffset since, string? groupName, bool dryRun, bool asJson,
        CancellationToken cancellationToken)
    {
        var group = groupName ?? $"{options.ConsumerGroup}-replay-{DateTimeOffset.UtcNow:yyyyMMddTHHmmssZ}";
        if (group == options.ConsumerGroup)
        {
            throw new CommandInputException($"events replay --group: '{group}' is the live group (event_consumer.consumer_group); a replay needs a fresh group");
        }

        if (await redis.ExistsAsync(options.SourceStream, cancellationToken)
            && (await redis.XInfoGroupsAsync(options.SourceStream, cancellationToken)).Any(g => g.Name == group))
        {
            throw new CommandInputException($"events replay --group: group '{group}' already exists on '{options.SourceStream}'; choose a new name (a replay needs a fresh group)");
        }

        var replay = new GroupReplay(redis, options);
        var plan = await replay.PlanAsync(since, group, cancellationToken);
        if (!dryRun)
        {
            await replay.CreateAsync(since, group, cancellationToken);
        }

        if (asJson)
        {
            await WriteJsonAsync(context, writer =>
            {
                writer.WriteBoolean("dry_run", dryRun);
                writer.WriteBoolean("group_created", !dryRun);
                writer.WriteString("stream", plan.Stream);
                writer.WriteString("group", plan.Group);
                writer.WriteString("live_group", plan.LiveGroup);
                writer.WriteString("since", plan.Since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteString("start_after_id", plan.StartAfterId);
                writer.WriteNumber("entries", plan.Entries);
                writer.WriteNumber("would_process", plan.WouldProcess);
                writer.WriteNumber("would_skip", plan.WouldSkip);
                writer.WriteNumber("would_filter", plan.WouldFilter);
                writer.WriteNumber("invalid", plan.Invalid);
                writer.WriteNumber("already_processed_by_live_group", plan.AlreadyProcessedByLiveGroup);
                writer.WriteNumber("older_than_backlog_max_age", plan.OlderThanBacklogMaxAge);
                writer.WriteString("first_entry_id", plan.FirstEntryId);
                writer.WriteString("last_entry_id", plan.LastEntryId);
            }, cancellationToken);
            return ExitCodes.Ok;
        }

        var lines = new List<string>
        {
            $"{(dryRun ? "dry run: would create" : "created")} group '{group}' on {plan.Stream} after id {plan.StartAfterId} (entries from {plan.Since.UtcDateTime:O})",
            $"entries in range       {plan.Entries}",
            $"would process          {plan.WouldProcess}",
            $"would skip             {plan.WouldSkip} (idempotency in '{group}': done markers under that name, or the same source + id earlier in the range)",
            $"would filter           {plan.WouldFilter} (type not in event_consumer.consume_events)",
            $"invalid                {plan.Invalid} (would be dead-lettered)",
            $"already processed by '{plan.LiveGroup}': {plan.AlreadyProcessedByLiveGroup} (re-processed anyway: each group has its own idempotency namespace)",
        };
        if (plan.OlderThanBacklogMaxAge > 0)
        {
            lines.Add($"warning: {plan.OlderThanBacklogMaxAge} entries are older than backlog_max_age_hours; run the replay consumer with backlog_max_age_hours: 0 or process_backlog: false, or they are acknowledged unprocessed");
        }

        lines.Add($"to process: run a consumer with event_consumer.consumer_group = {group} (STORYTELLING__EVENT_CONSUMER__CONSUMER_GROUP={group}); remove the group afterwards with XGROUP DESTROY {plan.Stream} {group}");
        await WriteAsync(context, string.Join('\n', lines), cancellationToken);
        return ExitCodes.Ok;
    }

    /// <summary>Connects with <c>redis.*</c> on database <c>stage1.redis_db</c>; Redis failures are one line and exit 1.</summary>
    private static async Task<int> WithRedisAsync(CliContext context, Func<RedisClient, ConsumerOptions, Task<int>> action)
    {
        var options = context.Settings.Bind<ConsumerOptions>(ConsumerOptions.SectionName);
        var redisOptions = context.Settings.Bind<RedisOptions>(RedisOptions.SectionName);
        redisOptions.Db = int.Parse(context.Settings["stage1.redis_db"] ?? "0", CultureInfo.InvariantCulture);
        try
        {
            await using var redis = await RedisClient.ConnectAsync(redisOptions);
            return await action(redis, options);
        }
        catch (RedisException e)
        {
            await context.Error.WriteLineAsync($"error: Redis at {redisOptions.Host}:{redisOptions.Port} (db {redisOptions.Db}): {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static void WriteDeadLetter(Utf8JsonWriter writer, DeadLetter letter, bool withEvent)
    {
        writer.WriteStartObject();
        WriteDeadLetterFields(writer, letter, withEvent);
        writer.WriteEndObject();
    }

    private static void WriteDeadLetterFields(Utf8JsonWriter writer, DeadLetter letter, bool withEvent)
    {
        writer.WriteString("id", letter.Id);
        writer.WriteString("event_id", letter.Event?.Id);
        writer.WriteString("event_type", letter.Event?.Type);
        writer.WriteString("event_source", letter.Event?.Source);
        writer.WriteString("reason", letter.Reason);
        writer.WriteString("error_message", letter.ErrorMessage);
        writer.WriteNumber("attempts", letter.Attempts);
        writer.WriteString("first_failure", letter.FirstFailure?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("last_failure", letter.LastFailure?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("consumer", letter.Consumer);
        writer.WriteString("group", letter.Group);
        writer.WriteString("source_stream", letter.SourceStream);
        writer.WriteString("source_entry_id", letter.SourceEntryId);
        writer.WriteNumber("replays", letter.Replays);
        if (withEvent)
        {
            writer.WritePropertyName("event");
            if (letter.Event is { } cloudEvent)
            {
                CloudEventFormatter.Write(writer, cloudEvent);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteString("event_error", letter.EventError);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static async Task WriteJsonAsync(CliContext context, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        var json = JsonText.Object(writer =>
        {
            write(writer);
        });
        await WriteAsync(context, json, cancellationToken);
    }

    private static Task WriteAsync(CliContext context, string text, CancellationToken cancellationToken) =>
        context.Output.WriteLineAsync(text.AsMemory(), cancellationToken);

    private static Option<bool> Json() => new("--json") { Description = "Print a JSON object instead of text." };

    private static bool JsonOf(CliContext context, Command command) =>
        context.ParseResult.GetValue<bool>(command.Options.Single(o => o.Name == "--json").Name);

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new CommandInputException($"{option}: {value} is not a positive number");

    private static StreamId EntryId(string text) =>
        StreamId.TryParse(text, out var id) && id.IsConcrete
            ? id
            : throw new CommandInputException($"entry id '{text}' is not a stream entry id (expected milliseconds-sequence, e.g. 1700000000000-0)");

    /// <summary>An ISO 8601 time (UTC when it has no offset) or an age before now: <c>90m</c>, <c>6h</c>, <c>2d</c>, <c>45s</c>.</summary>
    private static DateTimeOffset Since(string text)
    {
        if (text.Length > 1 && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            TimeSpan? age = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (age is { } before)
            {
                return DateTimeOffset.UtcNow - before;
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new CommandInputException($"--since '{text}' is neither an ISO 8601 time (e.g. 2025-01-31T12:00:00Z) nor an age such as 90m, 6h or 2d");
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Format(DateTimeOffset? time) => time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "-";
}
