using System.CommandLine;
using System.Text.Json;
using Storytelling.Configuration;

namespace Storytelling.Cli.Commands;

/// <summary>
/// <c>storytelling config show [--json]</c>: the effective settings, secrets masked, with where each came from;
/// <c>storytelling config reference</c>: the configuration reference (docs/configuration-reference.md) as Markdown.
/// </summary>
public static class ConfigCommand
{
    public static Command Create(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of a table." };
        var show = new Command("show", "Print the effective settings, secrets masked, and where each value came from (default, file, env).") { json };
        register(show, (context, cancellationToken) => ShowAsync(context, context.ParseResult.GetValue(json), cancellationToken));
        var reference = new Command(
            "reference",
            "Print the configuration reference as Markdown: every key with its type, default, allowed values, reader and description " +
            "(storytelling config reference > docs/configuration-reference.md).");
        register(reference, (context, cancellationToken) => ReferenceAsync(context, cancellationToken));
        return new Command("config", "Inspect the settings.") { show, reference };
    }

    private static async Task<int> ReferenceAsync(CliContext context, CancellationToken cancellationToken)
    {
        var markdown = SettingsReference.Render(SettingsCatalogue.Sections, SettingsCatalogue.KeyReaders);
        await context.Output.WriteAsync(markdown.AsMemory(), cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task<int> ShowAsync(CliContext context, bool asJson, CancellationToken cancellationToken)
    {
        var settings = context.Settings.All.ToList();
        if (asJson)
        {
            var json = JsonText.Object(writer =>
            {
                writer.WriteStartArray("settings");
                foreach (var setting in settings)
                {
                    writer.WriteStartObject();
                    writer.WriteString("key", setting.Key);
                    writer.WriteString("value", setting.DisplayValue);
                    writer.WriteString("source", setting.Source.Kind switch
                    {
                        SettingSourceKind.Default => "default",
                        SettingSourceKind.File => "file",
                        _ => "env",
                    });
                    writer.WriteString("origin", setting.Source.Origin);
                    writer.WriteBoolean("secret", setting.IsSecret);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            });
            await context.Output.WriteLineAsync(json.AsMemory(), cancellationToken);
            return ExitCodes.Ok;
        }

        var keyWidth = settings.Max(s => s.Key.Length);
        var valueWidth = Math.Min(48, settings.Max(s => s.DisplayValue.Length));
        foreach (var setting in settings)
        {
            var line = $"{setting.Key.PadRight(keyWidth)}  {setting.DisplayValue.PadRight(valueWidth)}  {setting.Source}";
            await context.Output.WriteLineAsync(line.AsMemory(), cancellationToken);
        }

        return ExitCodes.Ok;
    }
}
