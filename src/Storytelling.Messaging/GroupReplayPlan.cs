namespace Storytelling.Messaging;

/// <summary>
/// What re-processing a stream from <see cref="Since"/> into the fresh group <see cref="Group"/> would do, entry by
/// entry, as the consumer engine would treat each: <see cref="WouldProcess"/> handled; <see cref="WouldSkip"/>
/// skipped by idempotency, which in a fresh group means a <c>done</c> marker already exists under the fresh group's
/// own name (left by an earlier run of a group with the same name, within the deduplication TTL) or the same
/// <c>source</c> + <c>id</c> appears earlier in the range; <see cref="WouldFilter"/> acknowledged unhandled because of
/// <c>consume_events</c>; <see cref="Invalid"/> dead-lettered as invalid envelopes. <see cref="AlreadyProcessedByLiveGroup"/>
/// counts entries the live group has <c>done</c> markers for: the fresh group re-processes them anyway, since each group
/// has its own idempotency namespace. <see cref="OlderThanBacklogMaxAge"/> counts entries the consumer's backlog step
/// would acknowledge without processing unless it runs with <c>backlog_max_age_hours: 0</c> or <c>process_backlog: false</c>.
/// </summary>
public sealed record GroupReplayPlan(
    string Stream,
    string Group,
    string LiveGroup,
    DateTimeOffset Since,
    string StartAfterId,
    long Entries,
    long WouldProcess,
    long WouldSkip,
    long WouldFilter,
    long Invalid,
    long AlreadyProcessedByLiveGroup,
    long OlderThanBacklogMaxAge,
    string? FirstEntryId,
    string? LastEntryId);
