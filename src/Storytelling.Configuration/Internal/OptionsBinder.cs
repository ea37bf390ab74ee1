using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Storytelling.Configuration.Internal;

/// <summary>
/// Binds one section onto an options class: property <c>MaxRetries</c> reads key <c>max_retries</c> (or the name in
/// <see cref="ConfigurationKeyNameAttribute"/>), converts it, then runs the DataAnnotations on the class. Every
/// problem becomes a <see cref="SettingError"/> naming the key, the value, its source and what is allowed.
/// </summary>
internal static class OptionsBinder
{
    public static T Bind<T>(Settings settings, string section, List<SettingError> errors)
        where T : class, new()
    {
        var options = new T();
        var keysByMember = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{section}.{KeyOf(property)}";
            keysByMember[property.Name] = key;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsList(type))
            {
                var items = settings.All
                    .Where(s => s.Key.StartsWith(key + ".", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(s => int.Parse(s.Key[(key.Length + 1)..], CultureInfo.InvariantCulture))
                    .Select(s => s.Value)
                    .ToArray();
                if (items.Length > 0 || settings.Find(key) is null)
                {
                    property.SetValue(options, items);
                }

                continue;
            }

            var setting = settings.Find(key);
            if (setting is null)
            {
                continue;
            }

            if (TryConvert(setting.Value, type, out var converted, out var expected))
            {
                property.SetValue(options, converted);
            }
            else
            {
                errors.Add(new SettingError(setting.Key, setting.Value, setting.Source, expected));
            }
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            foreach (var result in results)
            {
                var member = result.MemberNames.FirstOrDefault() ?? "";
                var key = keysByMember.GetValueOrDefault(member, $"{section}.{member}");
                var setting = settings.Find(key);
                var property = typeof(T).GetProperty(member);
                errors.Add(new SettingError(key, setting?.Value ?? Describe(property?.GetValue(options)), setting?.Source, Explain(property, result)));
            }
        }

        return options;
    }

    public static string KeyOf(PropertyInfo property) =>
        property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? SnakeCase(property.Name);

    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static bool IsList(Type type) =>
        type == typeof(string[]) || type == typeof(IReadOnlyList<string>) || type == typeof(IList<string>) || type == typeof(List<string>);

    private static bool TryConvert(string value, Type type, out object? converted, out string expected)
    {
        converted = null;
        expected = "";
        if (type == typeof(string))
        {
            converted = value;
            return true;
        }

        if (type == typeof(bool))
        {
            expected = "expected true or false";
            var ok = bool.TryParse(value, out var b);
            converted = b;
            return ok;
        }

        if (type == typeof(int))
        {
            expected = "expected a whole number";
            var ok = int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i);
            converted = i;
            return ok;
        }

        if (type == typeof(long))
        {
            expected = "expected a whole number";
            var ok = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l);
            converted = l;
            return ok;
        }

        if (type == typeof(double))
        {
            expected = "expected a number (for example 0.8)";
            var ok = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d);
            converted = d;
            return ok;
        }

        if (type.IsEnum)
        {
            expected = "allowed: " + string.Join(", ", Enum.GetNames(type).Select(SnakeCase));
            var normalized = value.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            var ok = Enum.TryParse(type, normalized, ignoreCase: true, out var e) && !int.TryParse(value, out _);
            converted = e;
            return ok;
        }

        if (type == typeof(Uri))
        {
            expected = "expected an absolute URL (for example http://127.0.0.1:11434/v1/chat/completions)";
            var ok = value.Length == 0 || Uri.TryCreate(value, UriKind.Absolute, out _);
            converted = value.Length == 0 ? null : new Uri(value, UriKind.Absolute);
            return ok;
        }

        throw new NotSupportedException($"Options property type {type.Name} is not supported by the settings binder.");
    }

    private static string Explain(PropertyInfo? property, ValidationResult result)
    {
        var range = property?.GetCustomAttribute<RangeAttribute>();
        if (range is not null && result.ErrorMessage?.Contains("must be between", StringComparison.Ordinal) == true)
        {
            return $"allowed: {range.Minimum} to {range.Maximum}";
        }

        var allowed = property?.GetCustomAttribute<AllowedValuesAttribute>();
        if (allowed is not null && result.ErrorMessage?.Contains("AllowedValues", StringComparison.Ordinal) != false)
        {
            return "allowed: " + string.Join(", ", allowed.Values.Select(v => v?.ToString()));
        }

        if (property?.GetCustomAttribute<RequiredAttribute>() is not null && result.ErrorMessage?.Contains("required", StringComparison.OrdinalIgnoreCase) == true)
        {
            return "required: give a value";
        }

        return result.ErrorMessage ?? "invalid";
    }

    private static string Describe(object? value) => value switch
    {
        null => "",
        IEnumerable<string> items => string.Join(",", items),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
