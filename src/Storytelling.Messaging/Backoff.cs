namespace Storytelling.Messaging;

/// <summary>Exponential backoff with jitter: base x 2^(attempt-1), plus up to 25% at random, capped. Shared by the consumers and the Stage 1 submitter.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan cap)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var jittered = exponential * (1 + (Random.Shared.NextDouble() * 0.25));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, cap.TotalMilliseconds));
    }
}
