using System.ComponentModel.DataAnnotations;

namespace Storytelling.Stories;

/// <summary>
/// Settings of the story engine, bound from the <c>events:</c> section of <c>config/settings.yaml</c>
/// (<c>linking_time_window_days</c>, <c>linking_threshold</c>, <c>storyline_threshold</c>,
/// <c>storyline_time_window_days</c>, <c>storyline_candidates</c>). The defaults are the tuned values (docs/stories.md).
/// </summary>
public sealed class StoryOptions
{
    public const string SectionName = "events";

    /// <summary>
    /// Days between an event's own time and its document's date within which the event is placed at its own time in the
    /// storyline (a time further away is taken as history, and the document's date is used).
    /// </summary>
    [Range(1, 3650)]
    public int LinkingTimeWindowDays { get; set; } = 30;

    /// <summary>The same value as <see cref="LinkingTimeWindowDays"/> (settings key <c>linking_time_window_days</c>).</summary>
    public int TimeWindowDays
    {
        get => LinkingTimeWindowDays;
        set => LinkingTimeWindowDays = value;
    }

    /// <summary>Pair score at or above which a new event joins the cluster of an earlier one.</summary>
    [Range(0.0, 1.0)]
    public double LinkingThreshold { get; set; } = 0.5;

    /// <summary>Document-to-storyline similarity at or above which a document joins the best storyline.</summary>
    [Range(0.0, 1.0)]
    public double StorylineThreshold { get; set; } = 0.19;

    /// <summary>
    /// Days between a document's date and a storyline's dates beyond which the storyline is not a candidate, and the
    /// scale of the time-distance penalty inside the window (stories with a month's pause still continue).
    /// </summary>
    [Range(1, 3650)]
    public int StorylineTimeWindowDays { get; set; } = 60;

    /// <summary>How many storylines found by blocking are scored in full for each new document.</summary>
    [Range(1, 10_000)]
    public int StorylineCandidates { get; set; } = 40;
}
