using Storytelling.Nlp;
using Storytelling.Stage2.Input;
using Storytelling.Stage2.Triggering;

namespace Storytelling.Stage2.Backends;

/// <summary>
/// One analysed document as every storage backend receives it: the work item (job, line), what Stage 1 handed over,
/// the annotated document, its <c>documents.jsonl</c> line (<paramref name="AnnotationsJson"/>) and its events, each
/// with its id and <c>events.jsonl</c> line.
/// </summary>
public sealed record AnalysedDocument(
    NlpWorkItem Item, Stage1Document Source, Document Document, string AnnotationsJson, IReadOnlyList<AnalysedEvent> Events, DateTimeOffset ProcessedAt);
