namespace Storytelling.Nlp.Pipeline;

/// <summary>A component threw while processing a document; names both.</summary>
public sealed class ComponentFailedException : Exception
{
    public ComponentFailedException()
    {
        Component = string.Empty;
        DocumentId = string.Empty;
    }

    public ComponentFailedException(string message)
        : base(message)
    {
        Component = string.Empty;
        DocumentId = string.Empty;
    }

    public ComponentFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Component = string.Empty;
        DocumentId = string.Empty;
    }

    public ComponentFailedException(string component, string documentId, Exception innerException)
        : base($"NLP component '{component}' failed on document '{documentId}': {innerException?.Message}", innerException)
    {
        Component = component;
        DocumentId = documentId;
    }

    public string Component { get; }

    public string DocumentId { get; }
}
