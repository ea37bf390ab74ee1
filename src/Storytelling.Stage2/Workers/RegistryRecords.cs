using Storytelling.Metadata;
using Storytelling.Nlp;
using Storytelling.Nlp.Events;
using Storytelling.Stage2.Input;
using Storytelling.Stories;

namespace Storytelling.Stage2.Workers;

/// <summary>What an NLP worker records in the metadata registry for a saved document: the document and its events.</summary>
internal static class RegistryRecords
{
    /// <summary>Records the document with what Stage 2 knows of it (Stage 1 recorded its other fields, which are kept) and its events.</summary>
    public static async Task RecordAsync(IMetadataRecorder metadata, string jobId, Stage1Document stored, Document document, CancellationToken cancellationToken)
    {
        await metadata.DocumentsWrittenAsync(
            [new DocumentMetadata(stored.Id, jobId, stored.Title, null, stored.PublishedAt, null, null, stored.Language, null)],
            cancellationToken);
        if (document.Events.Count > 0)
        {
            await metadata.EventsWrittenAsync(
                [.. document.Events.Select(mention => new EventMetadata(
                    StoryEvent.IdFor(document.Id, mention), document.Id, jobId, mention.Type.Name(), mention.When?.Interval?.Begin, Describe(mention)))],
                cancellationToken);
        }
    }

    /// <summary>Who did what to whom, from the event's arguments: "police arrested demonstrators".</summary>
    private static string Describe(EventMention mention) =>
        string.Join(' ', new[] { mention.Agent?.Text, mention.Trigger, (mention.Patient ?? mention.Theme)?.Text }.Where(part => !string.IsNullOrWhiteSpace(part)));
}
