namespace Storytelling.Configuration;

/// <summary>Where an effective setting came from.</summary>
public sealed record SettingSource(SettingSourceKind Kind, string Origin)
{
    public override string ToString() => Kind switch
    {
        SettingSourceKind.Default => $"default ({Origin})",
        SettingSourceKind.File => $"file {Origin}",
        SettingSourceKind.SeedEnvironment => $"env {Origin}",
        SettingSourceKind.Environment => $"env {Origin}",
        _ => Origin,
    };
}
