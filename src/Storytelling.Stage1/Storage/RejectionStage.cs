namespace Storytelling.Stage1.Storage;

/// <summary>Which step rejected a record: reading the input line, or cleaning the article.</summary>
public enum RejectionStage
{
    Input,
    Cleaning,
}
