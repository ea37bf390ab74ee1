namespace Storytelling.Configuration.Internal;

/// <summary>The kind of a setting, read off its default in the built-in settings file.</summary>
internal enum SettingKind
{
    Text,
    Boolean,
    Integer,
    Number,
    List,
}
