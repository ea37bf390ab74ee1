namespace Storytelling.Configuration;

/// <summary>An options class and the settings section it is bound from (<c>Settings.Bind&lt;T&gt;(Section)</c>), for the configuration reference.</summary>
public sealed record OptionsSection(string Section, Type OptionsType);
