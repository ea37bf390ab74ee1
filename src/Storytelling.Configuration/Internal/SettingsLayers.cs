using System.Globalization;

namespace Storytelling.Configuration.Internal;

/// <summary>
/// Lays settings over the defaults. The defaults define which keys exist and their kinds: a key the defaults do not
/// have is an error (with the nearest known key suggested), and a list given as one environment value is split on commas.
/// </summary>
internal sealed class SettingsLayers
{
    private readonly Dictionary<string, SettingKind> _kinds = new(StringComparer.OrdinalIgnoreCase);

    public SettingsLayers(List<SettingValue> defaults)
    {
        foreach (var value in defaults)
        {
            _kinds[value.Key] = value.Kind;
        }

        foreach (var value in defaults.Where(v => v.Kind != SettingKind.List))
        {
            Set(value);
        }
    }

    public SortedDictionary<string, Setting> Effective { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Apply(List<SettingValue> layer, List<SettingError> errors)
    {
        foreach (var value in layer)
        {
            if (_kinds.TryGetValue(value.Key, out var kind))
            {
                if (kind == SettingKind.List)
                {
                    ClearList(value.Key);
                    if (value.Kind != SettingKind.List)
                    {
                        // One text value for a whole list (an environment variable): comma-separated items.
                        var items = value.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        for (var i = 0; i < items.Length; i++)
                        {
                            Set(value with { Key = $"{value.Key}:{i.ToString(CultureInfo.InvariantCulture)}", Value = items[i] });
                        }
                    }
                }
                else
                {
                    Set(value);
                }
            }
            else if (IsListItem(value.Key))
            {
                Set(value);
            }
            else
            {
                errors.Add(new SettingError(SettingKeys.ToDotted(value.Key), value.Value, value.Source, Unknown(value.Key)));
            }
        }
    }

    public IEnumerable<SettingError> CheckKinds()
    {
        foreach (var setting in Effective.Values)
        {
            var key = SettingKeys.ToConfigurationKey(setting.Key);
            if (!_kinds.TryGetValue(key, out var kind))
            {
                continue;
            }

            var problem = kind switch
            {
                SettingKind.Boolean when !bool.TryParse(setting.Value, out _) => "expected true or false",
                SettingKind.Integer when !long.TryParse(setting.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) =>
                    "expected a whole number",
                SettingKind.Number when !double.TryParse(setting.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) =>
                    "expected a number (for example 0.8)",
                _ => null,
            };
            if (problem is not null)
            {
                yield return new SettingError(setting.Key, setting.Value, setting.Source, problem);
            }
        }
    }

    private void Set(SettingValue value) =>
        Effective[value.Key] = new Setting(SettingKeys.ToDotted(value.Key), value.Value, value.Source);

    private void ClearList(string listKey)
    {
        var prefix = listKey + ":";
        foreach (var key in Effective.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            Effective.Remove(key);
        }
    }

    private bool IsListItem(string key)
    {
        var separator = key.LastIndexOf(':');
        return separator > 0
            && int.TryParse(key.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && _kinds.TryGetValue(key[..separator], out var parent)
            && parent == SettingKind.List;
    }

    private string Unknown(string key)
    {
        if (_kinds.Keys.Any(k => k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)))
        {
            return "is a section, not a setting: give one of its keys";
        }

        var nearest = _kinds.Keys
            .Select(k => (Key: k, Distance: EditDistance(k, key)))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        var hint = nearest.Key is not null && nearest.Distance <= Math.Max(3, key.Length / 4)
            ? $"; did you mean '{SettingKeys.ToDotted(nearest.Key)}'?"
            : "; see docs/configuration.md for the known settings";
        return "unknown setting" + hint;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
