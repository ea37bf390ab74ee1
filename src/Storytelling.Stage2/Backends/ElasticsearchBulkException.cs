namespace Storytelling.Stage2.Backends;

/// <summary>A <c>_bulk</c> request Elasticsearch answered with <c>"errors": true</c>: the items it did not index, each with its index, id, status and reason.</summary>
public sealed class ElasticsearchBulkException : Exception
{
    public ElasticsearchBulkException(string message, IReadOnlyList<ElasticsearchItemFailure> failures)
        : base(message) => Failures = failures;

    public ElasticsearchBulkException()
        : this("Elasticsearch did not index every item", []) { }

    public ElasticsearchBulkException(string message)
        : this(message, []) { }

    public ElasticsearchBulkException(string message, Exception innerException)
        : base(message, innerException) => Failures = [];

    public IReadOnlyList<ElasticsearchItemFailure> Failures { get; }
}
