namespace Storytelling.Nlp.Models;

/// <summary>A model file is missing, truncated, corrupt or of the wrong kind; the message names the file and the problem.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException()
        : this("A model could not be loaded.")
    {
    }

    public ModelLoadException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    public ModelLoadException(string filePath, string problem, Exception? innerException = null)
        : base($"Model file '{filePath}': {problem}", innerException)
    {
        FilePath = filePath;
    }

    public string FilePath { get; }
}
