namespace Storytelling.Redis;

/// <summary>XINFO STREAM. Fields Redis 7.0 added are null on older servers.</summary>
public sealed record StreamInfo(
    long Length,
    long Groups,
    StreamId LastGeneratedId,
    StreamId? MaxDeletedEntryId,
    long? EntriesAdded,
    StreamEntry? FirstEntry,
    StreamEntry? LastEntry);
