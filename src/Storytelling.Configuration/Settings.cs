using Microsoft.Extensions.Configuration;
using Storytelling.Configuration.Internal;

namespace Storytelling.Configuration;

/// <summary>
/// The effective settings: every key with its value and where it came from, validated against the defaults
/// (unknown keys and values of the wrong kind are errors). Build an <see cref="IConfiguration"/> from it with
/// <see cref="ToConfiguration"/>.
/// </summary>
public sealed class Settings
{
    private readonly SortedDictionary<string, Setting> _settings;

    private Settings(SortedDictionary<string, Setting> settings) => _settings = settings;

    public IEnumerable<Setting> All => _settings.Values;

    public Setting? Find(string dottedKey) => _settings.GetValueOrDefault(SettingKeys.ToConfigurationKey(dottedKey));

    public string? this[string dottedKey] => Find(dottedKey)?.Value;

    /// <summary>Loads defaults, the optional file and the environment; throws <see cref="SettingsException"/> listing every problem.</summary>
    public static Settings Load(SettingsLoadOptions? options = null)
    {
        options ??= new SettingsLoadOptions();
        var environment = options.Environment ?? ProcessEnvironment();
        var placeholders = new PlaceholderExpander(environment, options.MachineName ?? Environment.MachineName);
        var errors = new List<SettingError>();

        var defaults = YamlSettingsReader.ReadDefaults(placeholders, errors);
        var layered = new SettingsLayers(defaults);

        var file = options.SettingsFile ?? environment.GetValueOrDefault(SettingsLoadOptions.SettingsFileVariable);
        if (!string.IsNullOrWhiteSpace(file))
        {
            layered.Apply(YamlSettingsReader.ReadFile(file, placeholders, errors), errors);
        }

        layered.Apply(EnvironmentSettingsReader.ReadSeedNames(environment), errors);
        layered.Apply(EnvironmentSettingsReader.ReadPrefixed(environment), errors);

        errors.AddRange(layered.CheckKinds());
        if (errors.Count > 0)
        {
            throw new SettingsException(errors);
        }

        return new Settings(layered.Effective);
    }

    /// <summary>
    /// Binds section <paramref name="section"/> onto <typeparamref name="T"/> (property <c>BatchSize</c> reads
    /// <c>batch_size</c>) and validates its DataAnnotations; throws <see cref="SettingsException"/> naming each bad key.
    /// </summary>
    public T Bind<T>(string section)
        where T : class, new()
    {
        var errors = new List<SettingError>();
        var options = OptionsBinder.Bind<T>(this, section, errors);
        return errors.Count > 0 ? throw new SettingsException(errors) : options;
    }

    /// <summary>The settings as an <see cref="IConfiguration"/> (keys with colons), for options binding.</summary>
    public IConfigurationRoot ToConfiguration() =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(_settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value.Value)))
            .Build();

    private static Dictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string ?? "";
        }

        return result;
    }
}
