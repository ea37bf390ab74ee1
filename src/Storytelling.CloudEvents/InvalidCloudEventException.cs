namespace Storytelling.CloudEvents;

/// <summary>Thrown by callers that prefer exceptions; carries every error found, each naming its attribute.</summary>
public sealed class InvalidCloudEventException : Exception
{
    public InvalidCloudEventException()
        : this([])
    {
    }

    public InvalidCloudEventException(string message)
        : base(message) => Errors = [];

    public InvalidCloudEventException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    public InvalidCloudEventException(IReadOnlyList<CloudEventError> errors)
        : base(Describe(errors)) => Errors = errors;

    public IReadOnlyList<CloudEventError> Errors { get; }

    private static string Describe(IReadOnlyList<CloudEventError> errors) => errors.Count == 0
        ? "The CloudEvent is invalid."
        : $"The CloudEvent is invalid: {string.Join("; ", errors)}";
}
