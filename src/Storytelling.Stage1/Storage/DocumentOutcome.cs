using Storytelling.Cleaning;
using Storytelling.Cleaning.Duplicates;

namespace Storytelling.Stage1.Storage;

/// <summary>
/// The outcome of one work item (job id + input line): either a <see cref="CleanedDocument"/> with its MinHash
/// signature and band keys (computed by the worker, off the write path), or a rejection. Made with
/// <see cref="Cleaned(string, long, string, CleanedDocument, ulong[], long[])"/> or <see cref="Rejected"/>.
/// </summary>
public sealed record DocumentOutcome
{
    private DocumentOutcome(string jobId, long line, string documentId, string batchId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        ArgumentNullException.ThrowIfNull(batchId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(line);
        JobId = jobId;
        Line = line;
        DocumentId = documentId;
        BatchId = batchId;
    }

    public string JobId { get; }

    /// <summary>The 1-based input line of the article.</summary>
    public long Line { get; }

    public string DocumentId { get; }

    public string BatchId { get; }

    /// <summary>The cleaned document, or null for a rejection.</summary>
    public CleanedDocument? Document { get; private init; }

    /// <summary><see cref="MinHasher.Signature"/> of the document's text (null for a rejection).</summary>
    public ulong[]? Signature { get; private init; }

    /// <summary><see cref="MinHasher.BandKeys"/> of <see cref="Signature"/> (null for a rejection).</summary>
    public long[]? BandKeys { get; private init; }

    /// <summary>Why cleaning rejected the article, or null for a cleaned document.</summary>
    public OutcomeRejection? Rejection { get; private init; }

    /// <summary>A cleaned document with the signature and band keys of its text; its content hash is <see cref="CleanedDocument.ContentHash"/>.</summary>
    public static DocumentOutcome Cleaned(
        string jobId, long line, string batchId, CleanedDocument document, ulong[] signature, long[] bandKeys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(bandKeys);
        return new DocumentOutcome(jobId, line, document.Id, batchId)
        {
            Document = document,
            Signature = signature,
            BandKeys = bandKeys,
        };
    }

    /// <summary>A cleaned document, hashing its text with <paramref name="minHasher"/>.</summary>
    public static DocumentOutcome Cleaned(string jobId, long line, string batchId, CleanedDocument document, MinHasher minHasher)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(minHasher);
        var signature = minHasher.Signature(document.Text);
        return Cleaned(jobId, line, batchId, document, signature, minHasher.BandKeys(signature));
    }

    /// <summary>An article that cleaning rejected.</summary>
    public static DocumentOutcome Rejected(string jobId, long line, string documentId, string batchId, OutcomeRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return new DocumentOutcome(jobId, line, documentId, batchId) { Rejection = rejection };
    }
}
