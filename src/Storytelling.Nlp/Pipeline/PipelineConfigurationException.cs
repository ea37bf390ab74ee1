namespace Storytelling.Nlp.Pipeline;

/// <summary>The configured pipeline cannot run: an unknown component, or a requirement no earlier component produces.</summary>
public sealed class PipelineConfigurationException : Exception
{
    public PipelineConfigurationException()
    {
    }

    public PipelineConfigurationException(string message)
        : base(message)
    {
    }

    public PipelineConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
