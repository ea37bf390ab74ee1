using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Storytelling.Configuration.Internal;

/// <summary>Reads a settings YAML file into flat colon keys; lists become <c>key:0</c>, <c>key:1</c>, ...</summary>
internal static class YamlSettingsReader
{
    public const string DefaultsResource = "Storytelling.Configuration.settings.yaml";
    private const string DefaultsName = "config/settings.yaml";

    public static List<SettingValue> ReadDefaults(PlaceholderExpander placeholders, List<SettingError> errors)
    {
        using var stream = typeof(YamlSettingsReader).Assembly.GetManifestResourceStream(DefaultsResource)
            ?? throw new InvalidOperationException($"The built-in {DefaultsName} is missing from {typeof(YamlSettingsReader).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Read(reader, DefaultsName, new SettingSource(SettingSourceKind.Default, DefaultsName), placeholders, errors);
    }

    public static List<SettingValue> ReadFile(string path, PlaceholderExpander placeholders, List<SettingError> errors)
    {
        if (!File.Exists(path))
        {
            throw new SettingsException($"Settings file '{path}' does not exist (given with --config or STORYTELLING_CONFIG).");
        }

        using var reader = new StreamReader(path);
        var full = Path.GetFullPath(path);
        return Read(reader, full, new SettingSource(SettingSourceKind.File, full), placeholders, errors);
    }

    private static List<SettingValue> Read(TextReader reader, string name, SettingSource source, PlaceholderExpander placeholders, List<SettingError> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new SettingsException($"Settings file '{name}' is not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}", e);
        }

        var values = new List<SettingValue>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return values;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new SettingsException($"Settings file '{name}' must be a mapping of sections (section: {{ key: value }}), line {stream.Documents[0].RootNode.Start.Line}.");
        }

        Flatten(root, "", name, source, placeholders, values, errors);
        return values;
    }

    private static void Flatten(YamlNode node, string prefix, string name, SettingSource source, PlaceholderExpander placeholders, List<SettingValue> values, List<SettingError> errors)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (keyNode, child) in mapping.Children)
                {
                    var key = ((YamlScalarNode)keyNode).Value ?? "";
                    Flatten(child, prefix.Length == 0 ? key : $"{prefix}:{key}", name, source, placeholders, values, errors);
                }

                break;
            case YamlSequenceNode sequence:
                values.Add(new SettingValue(prefix, "", source, SettingKind.List));
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Flatten(sequence.Children[i], $"{prefix}:{i.ToString(CultureInfo.InvariantCulture)}", name, source, placeholders, values, errors);
                }

                break;
            case YamlScalarNode scalar:
                var raw = scalar.Value ?? "";
                var expanded = placeholders.Expand(raw, out var problem);
                if (expanded is null)
                {
                    errors.Add(new SettingError(SettingKeys.ToDotted(prefix), raw, source, $"{problem} ({name}, line {scalar.Start.Line})"));
                    expanded = raw;
                }

                values.Add(new SettingValue(prefix, expanded, source, KindOf(scalar)));
                break;
        }
    }

    public static SettingKind KindOf(YamlScalarNode scalar)
    {
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
        {
            return SettingKind.Text;
        }

        var value = scalar.Value ?? "";
        if (value is "true" or "false")
        {
            return SettingKind.Boolean;
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return SettingKind.Integer;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? SettingKind.Number : SettingKind.Text;
    }
}
