using System.Diagnostics;

namespace Storytelling.Messaging.ConsumerHost;

/// <summary>Stops the host when the process that started it is gone, so a crashed test run leaves no consumer behind.</summary>
internal static class ParentWatch
{
    public static async Task StopWhenGoneAsync(int parentProcessId, CancellationTokenSource stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                if (!IsAlive(parentProcessId))
                {
                    await stop.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The host is stopping anyway.
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
