using System.Diagnostics.CodeAnalysis;

namespace Storytelling.CloudEvents;

/// <summary>The outcome of <see cref="CloudEventParser"/>: a valid event, or every error found.</summary>
public sealed record CloudEventParseResult
{
    private CloudEventParseResult(CloudEvent? cloudEvent, IReadOnlyList<CloudEventError> errors)
    {
        Event = cloudEvent;
        Errors = errors;
    }

    /// <summary>The event when <see cref="IsValid"/>; otherwise null.</summary>
    public CloudEvent? Event { get; }

    /// <summary>Empty when <see cref="IsValid"/>; otherwise every error found, in document order.</summary>
    public IReadOnlyList<CloudEventError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Event))]
    public bool IsValid => Event is not null;

    /// <summary>Returns the event or throws <see cref="InvalidCloudEventException"/> with all the errors.</summary>
    public CloudEvent EnsureValid() => Event ?? throw new InvalidCloudEventException(Errors);

    public static CloudEventParseResult Valid(CloudEvent cloudEvent) => new(cloudEvent, []);

    public static CloudEventParseResult Invalid(IReadOnlyList<CloudEventError> errors) => new(null, errors);
}
