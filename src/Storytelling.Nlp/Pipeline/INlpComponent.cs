namespace Storytelling.Nlp.Pipeline;

/// <summary>
/// One job on a document. Implementations are immutable after construction and safe to call from several threads
/// at once (models are shared read-only; scratch buffers are per call or per thread).
/// </summary>
public interface INlpComponent
{
    string Name { get; }

    Annotations Requires { get; }

    Annotations Produces { get; }

    void Process(Document document, CancellationToken cancellationToken);
}
