namespace Storytelling.Messaging;

/// <summary>
/// What replaying one dead letter did (or, in a dry run, would do): the event, the stream it goes back to, the state
/// of its idempotency marker in the group that gave up on it (<c>absent</c>, <c>done</c> or <c>leased</c>), the new
/// entry id and the event's replay count. <see cref="Replayed"/> is false in a dry run, for a dead letter that is
/// gone (replayed by someone else meanwhile) and for one without a valid event (<see cref="Note"/> says which).
/// </summary>
public sealed record DeadLetterReplay(
    string DeadLetterId,
    string? EventId,
    string? EventType,
    string? EventSource,
    string TargetStream,
    string Group,
    string DoneMarker,
    bool DryRun,
    bool Replayed,
    string? NewEntryId,
    long Replays,
    string Note);
