using System.Globalization;
using System.Text.RegularExpressions;

namespace Storytelling.CloudEvents.Internal;

/// <summary>
/// RFC 3339 <c>date-time</c> (section 5.6) to and from <see cref="DateTimeOffset"/>. Fractions beyond 100 ns are
/// truncated; a leap second (:60) and offsets beyond ±14:00 cannot be represented and are rejected; "-00:00"
/// (unknown local offset) reads as UTC.
/// </summary>
internal static partial class Rfc3339
{
    private const string Example = "2018-04-05T17:31:00Z";

    public static bool TryParse(string text, out DateTimeOffset value, out string? error)
    {
        value = default;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            error = $"'{text}' is not an RFC 3339 timestamp such as {Example}";
            return false;
        }

        int Part(string name) => int.Parse(match.Groups[name].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        var (year, month, day) = (Part("year"), Part("month"), Part("day"));
        var (hour, minute, second) = (Part("hour"), Part("minute"), Part("second"));

        error = year < 1 ? "year 0000 cannot be represented"
            : month is < 1 or > 12 ? $"month {month:00} does not exist"
            : day < 1 || day > DateTime.DaysInMonth(year, month) ? $"day {day:00} does not exist in {year:0000}-{month:00}"
            : hour > 23 ? $"hour {hour:00} does not exist"
            : minute > 59 ? $"minute {minute:00} does not exist"
            : second == 60 ? "leap seconds (:60) cannot be represented"
            : second > 59 ? $"second {second:00} does not exist"
            : null;

        var offset = TimeSpan.Zero;
        if (error is null && match.Groups["sign"].Success)
        {
            var (offsetHours, offsetMinutes) = (Part("offsethour"), Part("offsetminute"));
            error = offsetHours > 23 || offsetMinutes > 59 ? $"offset {offsetHours:00}:{offsetMinutes:00} does not exist"
                : offsetHours > 14 || (offsetHours == 14 && offsetMinutes > 0) ? "offsets beyond ±14:00 cannot be represented"
                : null;
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (match.Groups["sign"].ValueSpan[0] == '-')
            {
                offset = -offset;
            }
        }

        if (error is not null)
        {
            error = $"'{text}' is not a valid RFC 3339 timestamp: {error}";
            return false;
        }

        var fraction = match.Groups["fraction"];
        var fractionTicks = 0L;
        if (fraction.Success)
        {
            var digits = fraction.ValueSpan.Length > 7 ? fraction.ValueSpan[..7] : fraction.ValueSpan;
            fractionTicks = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            for (var i = digits.Length; i < 7; i++)
            {
                fractionTicks *= 10;
            }
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        var utc = local - offset.Ticks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            error = $"'{text}' is outside the range of representable timestamps";
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>Writes <c>Z</c> for a zero offset, otherwise the offset itself; no trailing zero fraction digits.</summary>
    public static string Format(DateTimeOffset value) => value.Offset == TimeSpan.Zero
        ? value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
        : value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    [GeneratedRegex(
        "^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})[Tt](?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})"
        + "(?:\\.(?<fraction>[0-9]+))?(?:[Zz]|(?<sign>[+-])(?<offsethour>[0-9]{2}):(?<offsetminute>[0-9]{2}))$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
