using Storytelling.Redis;

namespace Storytelling.Messaging.Redis;

/// <summary>
/// Re-processing a stream from a point in time: a FRESH consumer group created just before the first entry at that
/// time (XGROUP CREATE at the id before it), which a consumer configured with that group then works through. The live
/// group is not touched. <see cref="PlanAsync"/> is the dry run and changes nothing.
/// </summary>
public sealed class GroupReplay(RedisCommands redis, ConsumerOptions options, TimeProvider? time = null)
{
    private const int Page = 1000;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The group is created after this id, so entries at <paramref name="since"/> or later are delivered to it.</summary>
    public static StreamId StartAfter(DateTimeOffset since)
    {
        var milliseconds = since.ToUnixTimeMilliseconds();
        return milliseconds <= 0 ? StreamId.Min : new StreamId((ulong)milliseconds - 1, ulong.MaxValue);
    }

    public async Task<GroupReplayPlan> PlanAsync(DateTimeOffset since, string group, CancellationToken cancellationToken)
    {
        var stream = options.SourceStream;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long entries = 0, process = 0, skip = 0, filter = 0, invalid = 0, liveDone = 0, tooOld = 0;
        string? first = null, last = null;
        var cutoff = options.ProcessBacklog && options.BacklogMaxAgeHours > 0
            ? _time.GetUtcNow() - TimeSpan.FromHours(options.BacklogMaxAgeHours)
            : DateTimeOffset.MinValue;
        var start = StreamId.FromTime(since);
        while (true)
        {
            var page = await redis.XRangeAsync(stream, start, StreamId.Max, Page, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            var candidates = new List<(string Fresh, string Live)>(page.Count);
            foreach (var entry in page)
            {
                entries++;
                first ??= entry.Id.ToString();
                last = entry.Id.ToString();
                if (entry.Id.Timestamp < cutoff)
                {
                    tooOld++;
                }

                var parsed = CloudEventStreamBinding.FromEntry(entry);
                if (!parsed.IsValid)
                {
                    invalid++;
                    continue;
                }

                var cloudEvent = parsed.Event;
                if (options.ConsumeEvents.Count > 0 && !options.ConsumeEvents.Contains(cloudEvent.Type, StringComparer.Ordinal))
                {
                    filter++;
                    continue;
                }

                var fresh = DeadLetters.IdempotencyKey(group, cloudEvent.Source, cloudEvent.Id);
                if (options.CheckAlreadyProcessed && !seen.Add(fresh))
                {
                    skip++;
                    continue;
                }

                candidates.Add((fresh, DeadLetters.IdempotencyKey(options.ConsumerGroup, cloudEvent.Source, cloudEvent.Id)));
            }

            if (candidates.Count > 0)
            {
                var freshDone = await redis.MGetAsync([.. candidates.Select(c => c.Fresh)], cancellationToken);
                var liveDoneMarkers = await redis.MGetAsync([.. candidates.Select(c => c.Live)], cancellationToken);
                for (var i = 0; i < candidates.Count; i++)
                {
                    if (options.CheckAlreadyProcessed && IsDone(freshDone[i]))
                    {
                        skip++;
                    }
                    else
                    {
                        process++;
                    }

                    if (IsDone(liveDoneMarkers[i]))
                    {
                        liveDone++;
                    }
                }
            }

            start = page[^1].Id.Increment();
        }

        return new GroupReplayPlan(stream, group, options.ConsumerGroup, since, StartAfter(since).ToString(), entries, process, skip, filter, invalid,
            liveDone, tooOld, first, last);
    }

    /// <summary>Creates <paramref name="group"/> at <see cref="StartAfter"/>; a group of that name that exists throws <see cref="RedisServerException"/> with <c>IsBusyGroup</c>.</summary>
    public async Task CreateAsync(DateTimeOffset since, string group, CancellationToken cancellationToken) =>
        await redis.XGroupCreateAsync(options.SourceStream, group, StartAfter(since), cancellationToken: cancellationToken);

    private static bool IsDone(ReadOnlyMemory<byte>? value) => value is { } bytes && bytes.Span.SequenceEqual("done"u8);
}
