namespace Storytelling.Configuration.Internal;

/// <summary>Reads overrides from the seed's environment names and from <c>STORYTELLING__SECTION__KEY</c>.</summary>
internal static class EnvironmentSettingsReader
{
    public static List<SettingValue> ReadSeedNames(IReadOnlyDictionary<string, string> environment)
    {
        var values = new List<SettingValue>();
        foreach (var (name, keys) in SeedEnvironmentVariables.Map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!environment.TryGetValue(name, out var value))
            {
                continue;
            }

            var source = new SettingSource(SettingSourceKind.SeedEnvironment, name);
            values.AddRange(keys.Select(key => new SettingValue(SettingKeys.ToConfigurationKey(key), value, source)));
        }

        return values;
    }

    public static List<SettingValue> ReadPrefixed(IReadOnlyDictionary<string, string> environment)
    {
        var prefix = SettingsLoadOptions.EnvironmentPrefix;
        return environment
            .Where(pair => pair.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && pair.Key.Length > prefix.Length)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new SettingValue(
                pair.Key[prefix.Length..].Replace("__", ":", StringComparison.Ordinal).ToLowerInvariant(),
                pair.Value,
                new SettingSource(SettingSourceKind.Environment, pair.Key)))
            .ToList();
    }
}
