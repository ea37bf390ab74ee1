using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using Storytelling.CloudEvents.Internal;

namespace Storytelling.CloudEvents;

/// <summary>
/// A W3C Trace Context <c>traceparent</c> (the CloudEvents Distributed Tracing extension carries it as the
/// <c>traceparent</c> attribute). Always written as version 00; a higher version is read by its first 55
/// characters as the W3C specification asks.
/// </summary>
public sealed record TraceContext
{
    private const byte SampledFlag = 0x01;

    private TraceContext(string traceId, string parentId, byte flags)
    {
        TraceId = traceId;
        ParentId = parentId;
        Flags = flags;
    }

    /// <summary>32 lower-case hex digits, not all zeros.</summary>
    public string TraceId { get; }

    /// <summary>16 lower-case hex digits, not all zeros: the span that caused this one.</summary>
    public string ParentId { get; }

    public byte Flags { get; }

    public bool IsSampled => (Flags & SampledFlag) != 0;

    /// <summary>Starts a new trace with random trace and parent ids.</summary>
    public static TraceContext CreateNew(bool sampled = true) =>
        new(RandomHex(16), RandomHex(8), sampled ? SampledFlag : (byte)0);

    /// <summary>The context for work caused by this one: the same trace and flags, a new random parent id.</summary>
    public TraceContext CreateChild() => new(TraceId, RandomHex(8), Flags);

    /// <summary>Null when <paramref name="traceParent"/> is a valid traceparent, otherwise what is wrong with it.</summary>
    public static string? Validate(string traceParent)
    {
        ArgumentNullException.ThrowIfNull(traceParent);
        return TraceParentSyntax.Check(traceParent);
    }

    public static bool TryParse([NotNullWhen(true)] string? traceParent, [NotNullWhen(true)] out TraceContext? context)
    {
        context = traceParent is not null && TraceParentSyntax.Check(traceParent) is null ? Read(traceParent) : null;
        return context is not null;
    }

    /// <exception cref="FormatException">The value is not a valid traceparent; the message says why.</exception>
    public static TraceContext Parse(string traceParent)
    {
        ArgumentNullException.ThrowIfNull(traceParent);
        var error = TraceParentSyntax.Check(traceParent);
        return error is null ? Read(traceParent) : throw new FormatException(error);
    }

    /// <summary>The traceparent header value, e.g. <c>00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01</c>.</summary>
    public override string ToString() => $"00-{TraceId}-{ParentId}-{Flags:x2}";

    private static TraceContext Read(string value) => new(
        value.Substring(3, 32),
        value.Substring(36, 16),
        byte.Parse(value.AsSpan(53, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));

    private static string RandomHex(int byteCount)
    {
        Span<byte> bytes = stackalloc byte[byteCount];
        do
        {
            RandomNumberGenerator.Fill(bytes);
        }
        while (!bytes.ContainsAnyExcept((byte)0));

        return Convert.ToHexStringLower(bytes);
    }
}
