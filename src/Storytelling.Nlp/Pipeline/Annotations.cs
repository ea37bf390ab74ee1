namespace Storytelling.Nlp.Pipeline;

/// <summary>Annotation layers a component requires or produces.</summary>
[Flags]
public enum Annotations
{
    None = 0,
    Tokens = 1,
    Sentences = 2,
    Tags = 4,
    Lemmas = 8,
    Entities = 16,
    Dependencies = 32,
    TimeExpressions = 64,
    Events = 128,
}
