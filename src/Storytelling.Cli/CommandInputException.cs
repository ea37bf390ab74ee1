namespace Storytelling.Cli;

/// <summary>Bad input to a command (a missing file, an unreadable argument): reported in one line, exit code 2.</summary>
public sealed class CommandInputException : Exception
{
    public CommandInputException() { }

    public CommandInputException(string message) : base(message) { }

    public CommandInputException(string message, Exception inner) : base(message, inner) { }
}
