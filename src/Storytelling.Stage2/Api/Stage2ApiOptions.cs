using System.ComponentModel.DataAnnotations;

namespace Storytelling.Stage2.Api;

/// <summary>
/// How the Stage 2 NLP API listens and what it accepts. <see cref="MaxAnalyzeBytes"/> and <see cref="MaxBatchBytes"/>
/// bind from section <c>stage2</c> (<c>stage2.max_analyze_bytes</c>, <c>stage2.max_batch_bytes</c>); the host sets
/// <see cref="Urls"/> (from <c>stage2.api_port</c>) and <see cref="ApiKey"/> (from <c>service.api_key</c>).
/// </summary>
public sealed class Stage2ApiOptions
{
    public const string SectionName = "stage2";

    public const string MaxAnalyzeBytesKey = "stage2.max_analyze_bytes";

    public const string MaxBatchBytesKey = "stage2.max_batch_bytes";

    public const long DefaultMaxAnalyzeBytes = 1024L * 1024;

    public const long DefaultMaxBatchBytes = 256L * 1024 * 1024;

    /// <summary>Where Kestrel listens, <c>;</c>-separated (<c>http://127.0.0.1:8002</c>); port 0 picks a free port (see <c>WebApplication.Urls</c> after start).</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:8002";

    /// <summary>When non-empty, every <c>/v1</c> request must carry it in header <c>X-API-Key</c>; health, metrics and OpenAPI stay open.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The largest <c>POST /v1/analyze</c> body; a larger one is answered 413.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxAnalyzeBytes { get; set; } = DefaultMaxAnalyzeBytes;

    /// <summary>The largest <c>POST /v1/batches</c> body (JSONL or a JSON array of articles); a larger one is answered 413.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBatchBytes { get; set; } = DefaultMaxBatchBytes;
}
