using System.Diagnostics;
using Storytelling.Nlp.Models;

namespace Storytelling.Nlp.Pipeline;

/// <summary>
/// An immutable, checked sequence of components. Construction fails when a component requires an annotation that no
/// earlier component produces; <see cref="Process"/> times each component and wraps failures with the component
/// name and document id. Safe to share across threads.
/// </summary>
public sealed class NlpPipeline
{
    private readonly INlpComponent[] components;

    public NlpPipeline(IEnumerable<INlpComponent> components)
        : this(components, Annotations.None)
    {
    }

    /// <summary>A pipeline for documents that already carry <paramref name="provided"/> (e.g. gold tokens and sentences).</summary>
    public NlpPipeline(IEnumerable<INlpComponent> components, Annotations provided)
    {
        ArgumentNullException.ThrowIfNull(components);
        this.components = [.. components];
        Provided = provided;
        var available = provided;
        foreach (var component in this.components)
        {
            var missing = component.Requires & ~available;
            if (missing != Annotations.None)
            {
                throw new PipelineConfigurationException(
                    $"nlp.pipeline: component '{component.Name}' requires {missing}, which no earlier component produces " +
                    $"(order so far: {string.Join(" → ", this.components.TakeWhile(c => c != component).Select(c => c.Name).DefaultIfEmpty("(none)"))}).");
            }

            available |= component.Produces;
        }

        Produces = available;
    }

    /// <summary>Annotations the documents bring with them.</summary>
    public Annotations Provided { get; }

    public IReadOnlyList<INlpComponent> Components => components;

    public IReadOnlyList<string> ComponentNames => [.. components.Select(c => c.Name)];

    /// <summary>Every annotation the pipeline produces.</summary>
    public Annotations Produces { get; }

    /// <summary>Builds the pipeline named by configuration (the <c>nlp.pipeline</c> list), e.g. tokenizer, sentences, tagger, lemmatizer.</summary>
    public static NlpPipeline Create(IEnumerable<string> componentNames, NlpComponentRegistry registry, ModelStore models)
    {
        ArgumentNullException.ThrowIfNull(componentNames);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(models);
        return new NlpPipeline(componentNames.Select(name => registry.Create(name, models)).ToList());
    }

    /// <summary>
    /// The same pipeline without the components that produce <paramref name="given"/>, for documents that already
    /// have them (evaluation on gold tokens and sentences).
    /// </summary>
    public NlpPipeline Given(Annotations given) =>
        new(components.Where(c => (c.Produces & given) == Annotations.None), Provided | given);

    public IReadOnlyList<ComponentTiming> Process(Document document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var timings = new ComponentTiming[components.Length];
        for (int i = 0; i < components.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var component = components[i];
            long started = Stopwatch.GetTimestamp();
            try
            {
                component.Process(document, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ComponentFailedException(component.Name, document.Id, e);
            }

            timings[i] = new ComponentTiming(component.Name, Stopwatch.GetElapsedTime(started));
        }

        return timings;
    }
}
