namespace Storytelling.Metadata;

/// <summary>The stages that write to the registry (<see cref="JobMetadata.Stage"/>).</summary>
public static class RegistryStages
{
    public const string Stage1 = "stage1";
    public const string Stage2 = "stage2";

    public static IReadOnlyList<string> All { get; } = [Stage1, Stage2];
}
