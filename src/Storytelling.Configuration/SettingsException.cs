namespace Storytelling.Configuration;

/// <summary>Thrown when settings cannot be loaded or fail validation; <see cref="Errors"/> lists every problem.</summary>
public sealed class SettingsException : Exception
{
    public SettingsException(IReadOnlyList<SettingError> errors)
        : base(Describe(errors)) => Errors = errors;

    public SettingsException(string message, Exception? inner = null)
        : base(message, inner) => Errors = [];

    public SettingsException() : this("invalid settings") { }

    public SettingsException(string message) : this(message, null) { }

    public IReadOnlyList<SettingError> Errors { get; }

    private static string Describe(IReadOnlyList<SettingError> errors) =>
        errors.Count == 1
            ? $"Invalid setting: {errors[0]}"
            : $"{errors.Count} invalid settings:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors);
}
