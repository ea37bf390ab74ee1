namespace Storytelling.Stories;

/// <summary>
/// The stylesheet of storyline pages (colours, the three-part layout, timelines of event cards, type badges, argument
/// lists, quoted sentences with the trigger marked), shared by <c>report.html</c> of the embedded run, which inlines
/// it, and the storyline explorer of the NLP API, which serves it. Plain CSS with no external references.
/// </summary>
public static class StorylineStylesheet
{
    private const string ResourceName = "Storytelling.Stories.Resources.storylines.css";

    /// <summary>The stylesheet's text.</summary>
    public static string Text { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(StorylineStylesheet).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from {typeof(StorylineStylesheet).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
