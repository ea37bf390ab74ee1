namespace Storytelling.Nlp.Learning;

/// <summary>How weights are stored in a model file: 16-bit floats keep models small at no measurable accuracy cost.</summary>
public enum WeightPrecision : byte
{
    HalfPrecision = 1,
    FullPrecision = 2,
}
