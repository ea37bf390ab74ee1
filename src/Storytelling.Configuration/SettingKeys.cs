namespace Storytelling.Configuration;

/// <summary>Conversions between the dotted keys people read and the colon keys of <c>IConfiguration</c>.</summary>
public static class SettingKeys
{
    private static readonly string[] SecretMarkers = ["password", "secret", "api_key", "token"];

    public static string ToDotted(string configurationKey) => configurationKey.Replace(':', '.');

    public static string ToConfigurationKey(string dottedKey) => dottedKey.Replace('.', ':');

    public static bool IsSecret(string key) =>
        SecretMarkers.Any(marker => key.Contains(marker, StringComparison.OrdinalIgnoreCase));
}
