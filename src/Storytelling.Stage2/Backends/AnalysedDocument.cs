using Storytelling.Nlp;
using Storytelling.Stage2.Input;
using Storytelling.Stage2.Triggering;

namespace Storytelling.Stage2.Backends;

/// <summary>
/// One analysed document as every storage backend receives it: the work item (job, line), what Stage 1 handed over,
/// the annotated document, its <c>documents.jsonl</c> line (<paramref name="AnnotationsJson"/>) and its events, each
/// with its id and <c>events.jsonl</c> line. Optional backends read only the JSON forms and <paramref name="Source"/>,
/// so a document read back from PostgreSQL (<see cref="Storage.Stage2Store.ReadAnalysedAsync"/>, whose
/// <paramref name="Document"/> holds the text without annotation layers) can be written to them again.
/// </summary>
public sealed record AnalysedDocument(
    NlpWorkItem Item, Stage1Document Source, Document Document, string AnnotationsJson, IReadOnlyList<AnalysedEvent> Events, DateTimeOffset ProcessedAt);
