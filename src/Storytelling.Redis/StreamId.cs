using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Storytelling.Redis;

/// <summary>
/// A stream entry id <c>milliseconds-sequence</c>, or one of the special positions a command may allow:
/// <see cref="LastEntry"/> (<c>$</c>, XGROUP CREATE/SETID) and <see cref="NeverDelivered"/> (<c>&gt;</c>,
/// XREADGROUP). <c>-</c> and <c>+</c> parse as <see cref="Min"/> and <see cref="Max"/>; <c>0</c> and a bare
/// <c>milliseconds</c> parse as sequence 0. Concrete ids compare by milliseconds, then sequence.
/// </summary>
public readonly record struct StreamId : IComparable<StreamId>
{
    /// <summary>Longest formatted id: two 20-digit numbers and a dash.</summary>
    internal const int MaxFormattedLength = 41;

    private readonly Position position;

    public StreamId(ulong milliseconds, ulong sequence)
    {
        Milliseconds = milliseconds;
        Sequence = sequence;
    }

    private StreamId(Position position) => this.position = position;

    private enum Position : byte
    {
        Concrete,
        LastEntry,
        NeverDelivered,
    }

    public ulong Milliseconds { get; }

    public ulong Sequence { get; }

    /// <summary>0-0: the smallest id (what <c>-</c> and <c>0</c> mean).</summary>
    public static StreamId Min => default;

    /// <summary>The largest id (what <c>+</c> means).</summary>
    public static StreamId Max => new(ulong.MaxValue, ulong.MaxValue);

    /// <summary><c>$</c>: the stream's last entry, for XGROUP CREATE and SETID.</summary>
    public static StreamId LastEntry => new(Position.LastEntry);

    /// <summary><c>&gt;</c>: entries never delivered to this group, for XREADGROUP.</summary>
    public static StreamId NeverDelivered => new(Position.NeverDelivered);

    /// <summary>False for <c>$</c> and <c>&gt;</c>, which name a position rather than an entry.</summary>
    public bool IsConcrete => position == Position.Concrete;

    /// <summary>The wall-clock time the milliseconds part stands for.</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(checked((long)Milliseconds));

    /// <summary>The first id at <paramref name="time"/> (sequence <paramref name="sequence"/>).</summary>
    public static StreamId FromTime(DateTimeOffset time, ulong sequence = 0)
    {
        var milliseconds = time.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(time));
        return new((ulong)milliseconds, sequence);
    }

    public static StreamId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var id)
            ? id
            : throw new FormatException($"'{text}' is not a stream id (expected 'milliseconds-sequence', 'milliseconds', '-', '+', '$' or '>').");
    }

    public static bool TryParse(ReadOnlySpan<char> text, out StreamId id)
    {
        Span<byte> utf8 = stackalloc byte[MaxFormattedLength];
        if (text.Length > MaxFormattedLength || Encoding.ASCII.GetBytes(text, utf8) != text.Length)
        {
            id = default;
            return false;
        }

        return TryParse(utf8[..text.Length], out id);
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8, out StreamId id)
    {
        id = default;
        if (utf8.Length == 1)
        {
            switch (utf8[0])
            {
                case (byte)'-':
                    id = Min;
                    return true;
                case (byte)'+':
                    id = Max;
                    return true;
                case (byte)'$':
                    id = LastEntry;
                    return true;
                case (byte)'>':
                    id = NeverDelivered;
                    return true;
            }
        }

        var dash = utf8.IndexOf((byte)'-');
        var msPart = dash < 0 ? utf8 : utf8[..dash];
        if (!TryParseNumber(msPart, out var milliseconds))
        {
            return false;
        }

        ulong sequence = 0;
        if (dash >= 0 && !TryParseNumber(utf8[(dash + 1)..], out sequence))
        {
            return false;
        }

        id = new StreamId(milliseconds, sequence);
        return true;
    }

    /// <summary>The next id after this one (sequence + 1, carrying into milliseconds).</summary>
    public StreamId Increment()
    {
        RequireConcrete();
        if (Sequence < ulong.MaxValue)
        {
            return new(Milliseconds, Sequence + 1);
        }

        return Milliseconds < ulong.MaxValue
            ? new(Milliseconds + 1, 0)
            : throw new OverflowException("The largest stream id has no successor.");
    }

    public int CompareTo(StreamId other)
    {
        RequireConcrete();
        other.RequireConcrete();
        var byTime = Milliseconds.CompareTo(other.Milliseconds);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(StreamId left, StreamId right) => left.CompareTo(right) < 0;

    public static bool operator >(StreamId left, StreamId right) => left.CompareTo(right) > 0;

    public static bool operator <=(StreamId left, StreamId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(StreamId left, StreamId right) => left.CompareTo(right) >= 0;

    public override string ToString() => position switch
    {
        Position.LastEntry => "$",
        Position.NeverDelivered => ">",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}"),
    };

    /// <summary>Writes the RESP form (<c>ms-seq</c>, <c>$</c> or <c>&gt;</c>) and returns its length.</summary>
    internal int Format(Span<byte> destination)
    {
        switch (position)
        {
            case Position.LastEntry:
                destination[0] = (byte)'$';
                return 1;
            case Position.NeverDelivered:
                destination[0] = (byte)'>';
                return 1;
        }

        Utf8Formatter.TryFormat(Milliseconds, destination, out var written);
        destination[written++] = (byte)'-';
        Utf8Formatter.TryFormat(Sequence, destination[written..], out var sequenceLength);
        return written + sequenceLength;
    }

    internal void RequireConcrete()
    {
        if (!IsConcrete)
        {
            throw new InvalidOperationException($"'{this}' is a position, not an entry id; it cannot be compared or incremented.");
        }
    }

    private static bool TryParseNumber(ReadOnlySpan<byte> digits, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 20)
        {
            return false;
        }

        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return Utf8Parser.TryParse(digits, out value, out var consumed) && consumed == digits.Length;
    }
}
