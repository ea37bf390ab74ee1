namespace Storytelling.Cli;

/// <summary>The exit codes every command keeps to.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    public const int Cancelled = 130;
}
