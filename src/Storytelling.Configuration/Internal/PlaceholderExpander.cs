using System.Text;

namespace Storytelling.Configuration.Internal;

/// <summary>Expands <c>${NAME}</c> and <c>${NAME:-fallback}</c> from the environment; HOSTNAME falls back to the machine name.</summary>
internal sealed class PlaceholderExpander(IReadOnlyDictionary<string, string> environment, string machineName)
{
    /// <summary>Returns the expanded text, or null with <paramref name="problem"/> set when a variable is unset and has no fallback.</summary>
    public string? Expand(string text, out string? problem)
    {
        problem = null;
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf("${", position, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(text, position, text.Length - position);
                break;
            }

            var end = text.IndexOf('}', start + 2);
            if (end < 0)
            {
                problem = $"unterminated placeholder starting at '{text[start..]}'";
                return null;
            }

            result.Append(text, position, start - position);
            var body = text[(start + 2)..end];
            var separator = body.IndexOf(":-", StringComparison.Ordinal);
            var name = separator >= 0 ? body[..separator] : body;
            var fallback = separator >= 0 ? body[(separator + 2)..] : null;
            var value = Resolve(name) ?? fallback;
            if (value is null)
            {
                problem = $"refers to ${{{name}}}, which is not set in the environment (write ${{{name}:-fallback}} to give a default)";
                return null;
            }

            result.Append(value);
            position = end + 1;
        }

        return result.ToString();
    }

    private string? Resolve(string name)
    {
        if (environment.TryGetValue(name, out var value) && value.Length > 0)
        {
            return value;
        }

        return name is "HOSTNAME" or "HOST" ? machineName : null;
    }
}
