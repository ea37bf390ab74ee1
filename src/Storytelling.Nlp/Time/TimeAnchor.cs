namespace Storytelling.Nlp.Time;

/// <summary>What a value was resolved against (written <c>none</c> and <c>publication_date</c> in outputs).</summary>
public enum TimeAnchor
{
    /// <summary>The value needs no anchor ("5 March 2024", "three hours"), or it needed one and none was given (then <see cref="TimeExpressionTraits.AnchorMissing"/>).</summary>
    None,

    /// <summary>The value was placed relative to the document's publication date ("yesterday", "in March").</summary>
    PublicationDate,
}
