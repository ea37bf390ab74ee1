namespace Storytelling.Stories.Internal;

/// <summary>A cross-document event cluster: mentions judged to be one real-world event; the id comes from its first member.</summary>
internal sealed class EventCluster(string id)
{
    public string Id { get; } = id;

    public List<EventRecord> Members { get; } = [];
}
