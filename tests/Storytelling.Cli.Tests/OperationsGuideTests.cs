using System.Text.RegularExpressions;
using Storytelling.Testing;

namespace Storytelling.Cli.Tests;

/// <summary>Every <c>st ...</c> command docs/operations.md tells an operator to run exists, with the options it shows.</summary>
public sealed partial class OperationsGuideTests
{
    [Fact]
    public async Task Every_command_in_the_operations_guide_exists_with_its_options()
    {
        var guide = await File.ReadAllTextAsync(RepositoryFiles.PathOf("docs/operations.md"));
        var commands = CodeLine().Matches(guide).Concat(InlineCode().Matches(guide))
            .Select(m => m.Groups["command"].Value.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(commands.Count >= 15, $"expected the guide to show at least 15 commands, found {commands.Count}");

        foreach (var command in commands)
        {
            var tokens = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var path = tokens.TakeWhile(t => SubcommandWord().IsMatch(t)).ToArray();
            var options = tokens.Where(t => t.StartsWith('-')).ToArray();

            var run = await CliRun.InvokeAsync([.. path, "--help"]);

            Assert.True(run.ExitCode == 0, $"docs/operations.md shows `st {command}`, but `{string.Join(' ', path)}` is not a command: {run.Error}");
            foreach (var option in options)
            {
                Assert.True(Regex.IsMatch(run.Output, $@"(^|[\s,]){Regex.Escape(option)}([\s,]|$)", RegexOptions.Multiline),
                    $"docs/operations.md shows `st {command}`, but `{string.Join(' ', path)}` has no option {option}");
            }
        }
    }

    [GeneratedRegex(@"^st (?<command>[^#\n]+)", RegexOptions.Multiline)]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"`st (?<command>[^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex SubcommandWord();
}
