using System.Globalization;
using Storytelling.Redis;

namespace Storytelling.Messaging.Redis;

/// <summary>
/// The operator's view of a dead-letter stream: list, show and replay. A replay publishes the dead letter's original
/// entry fields (the CloudEvent exactly as it was, same <c>id</c> and <c>source</c>) to the stream it came from,
/// with <see cref="DeadLetterFields.Replays"/> raised by one, deletes the dead letter (XDEL) and adds one to the
/// stream's replay counter (<see cref="ReplayCounterKey"/>), all in one step. Idempotency markers are never touched:
/// a dead letter is a failure, so its group has no <c>done</c> marker for the event unless another delivery of the
/// same <c>source</c> + <c>id</c> succeeded; then the replayed copy is skipped as a duplicate, which is right.
/// </summary>
public sealed class DeadLetters(RedisCommands redis, string deadLetterStream)
{
    public string Stream => deadLetterStream;

    /// <summary>The counter of replays from <paramref name="stream"/>.</summary>
    public static string ReplayCounterKey(string stream) => $"storytelling:dlq:replays:{stream}";

    /// <summary>The consumer engine's idempotency key of an event in a group.</summary>
    public static string IdempotencyKey(string group, string source, string id) => $"storytelling:done:{group}:{source.Length}:{source}:{id}";

    public async Task<long> LengthAsync(CancellationToken cancellationToken) => await redis.XLenAsync(deadLetterStream, cancellationToken);

    public async Task<long> ReplayCountAsync(CancellationToken cancellationToken) =>
        long.TryParse(await redis.GetStringAsync(ReplayCounterKey(deadLetterStream), cancellationToken), CultureInfo.InvariantCulture, out var count) ? count : 0;

    /// <summary>Up to <paramref name="limit"/> dead letters, newest first.</summary>
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var entries = await redis.XRevRangeAsync(deadLetterStream, StreamId.Max, StreamId.Min, limit, cancellationToken);
        return [.. entries.Select(Read)];
    }

    public async Task<DeadLetter?> GetAsync(StreamId id, CancellationToken cancellationToken)
    {
        var entry = await GetEntryAsync(id, cancellationToken);
        return entry is null ? null : Read(entry);
    }

    /// <summary>Replays the dead letter <paramref name="id"/> (see the class summary); null when there is no such dead letter.</summary>
    public async Task<DeadLetterReplay?> ReplayAsync(StreamId id, bool dryRun, CancellationToken cancellationToken)
    {
        var entry = await GetEntryAsync(id, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        var letter = Read(entry);
        var cloudEvent = letter.Event;
        var marker = cloudEvent is null
            ? "absent"
            : await redis.GetStringAsync(IdempotencyKey(letter.Group, cloudEvent.Source, cloudEvent.Id), cancellationToken) switch
            {
                null => "absent",
                "done" => "done",
                _ => "leased",
            };
        var replays = letter.Replays + 1;
        var note = marker switch
        {
            "done" => "another delivery of this source + id succeeded in the group: the replayed copy will be skipped as a duplicate",
            "leased" => "another delivery of this source + id is being handled right now: the replayed copy waits for its outcome",
            _ => "no done marker, as expected for a failure: the group will handle the replayed copy",
        };
        DeadLetterReplay Result(bool replayed, string? newId, string text) => new(
            letter.Id, cloudEvent?.Id, cloudEvent?.Type, cloudEvent?.Source, letter.SourceStream, letter.Group, marker, dryRun, replayed, newId,
            replayed || dryRun ? replays : letter.Replays, text);

        if (cloudEvent is null)
        {
            return Result(false, null, $"not replayed: the entry is not a valid CloudEvent ({letter.EventError}); publish a corrected event instead");
        }

        if (dryRun)
        {
            return Result(false, null, "dry run: nothing changed; " + note);
        }

        var arguments = new List<RedisArgument>(2 + 2 * entry.Fields.Count) { letter.Id };
        foreach (var (field, value) in entry.Fields)
        {
            if (!DeadLetterFields.IsDeadLetterField(field))
            {
                arguments.Add(field);
                arguments.Add(value);
            }
        }

        arguments.Add(DeadLetterFields.Replays);
        arguments.Add(replays.ToString(CultureInfo.InvariantCulture));
        var newId = (await Internal.DeadLetterScripts.Replay.RunAsync(
            redis, [deadLetterStream, letter.SourceStream, ReplayCounterKey(deadLetterStream)], arguments, cancellationToken)).AsString();
        return newId is null
            ? Result(false, null, "not replayed: the dead letter was removed meanwhile (replayed by someone else?)")
            : Result(true, newId, note);
    }

    private async Task<StreamEntry?> GetEntryAsync(StreamId id, CancellationToken cancellationToken) =>
        await FirstAsync(id, cancellationToken);

    private async Task<StreamEntry?> FirstAsync(StreamId id, CancellationToken cancellationToken)
    {
        var entries = await redis.XRangeAsync(deadLetterStream, id, id, 1, cancellationToken);
        return entries.Count > 0 ? entries[0] : null;
    }

    private static DeadLetter Read(StreamEntry entry)
    {
        var parsed = CloudEventStreamBinding.FromEntry(entry);
        return new DeadLetter(
            entry.Id.ToString(),
            entry.GetString(DeadLetterFields.SourceStream) ?? "",
            entry.GetString(DeadLetterFields.SourceEntryId) ?? "",
            entry.GetString(DeadLetterFields.Group) ?? "",
            entry.GetString(DeadLetterFields.Consumer) ?? "",
            entry.GetString(DeadLetterFields.Reason) ?? "",
            entry.GetString(DeadLetterFields.ErrorMessage) ?? "",
            Number(entry, DeadLetterFields.Attempts),
            Time(entry, DeadLetterFields.FirstFailure),
            Time(entry, DeadLetterFields.LastFailure),
            Number(entry, DeadLetterFields.Replays),
            parsed.IsValid ? parsed.Event : null,
            parsed.IsValid ? null : string.Join("; ", parsed.Errors.Select(e => $"{e.Attribute}: {e.Message}")));
    }

    private static long Number(StreamEntry entry, string field) =>
        long.TryParse(entry.GetString(field), CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static DateTimeOffset? Time(StreamEntry entry, string field) =>
        DateTimeOffset.TryParse(entry.GetString(field), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) ? value : null;
}
