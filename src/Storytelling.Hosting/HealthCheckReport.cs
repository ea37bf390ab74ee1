using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Storytelling.Hosting;

/// <summary>One check in a <see cref="HealthReport"/>: whether it passed, how long it took, the error, and its details when it has any.</summary>
public sealed record HealthCheckReport(
    bool Healthy,
    double LatencyMs,
    string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonNode? Details);
