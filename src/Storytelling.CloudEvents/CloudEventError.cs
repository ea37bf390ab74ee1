namespace Storytelling.CloudEvents;

/// <summary>
/// One reason an event is not a valid CloudEvent. <paramref name="Attribute"/> is the attribute or JSON member
/// at fault (<c>id</c>, <c>data_base64</c>, an extension name), or <c>$</c> for the envelope as a whole.
/// </summary>
public sealed record CloudEventError(string Attribute, string Message)
{
    public override string ToString() => $"{Attribute}: {Message}";
}
