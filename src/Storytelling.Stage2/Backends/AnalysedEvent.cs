namespace Storytelling.Stage2.Backends;

/// <summary>An event of an analysed document: its id and its line as stored and served (id, document, job and line, then the <c>events.jsonl</c> fields).</summary>
public sealed record AnalysedEvent(string Id, string Json);
