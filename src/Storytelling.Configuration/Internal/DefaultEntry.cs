namespace Storytelling.Configuration.Internal;

/// <summary>One leaf key of the built-in settings file: its section (<c>stage1.backpressure</c>), dotted key, raw value, kind and line comment.</summary>
internal sealed record DefaultEntry(string Section, string Key, string RawValue, SettingKind Kind, string Comment);
