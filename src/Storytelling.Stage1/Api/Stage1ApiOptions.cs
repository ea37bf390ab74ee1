using System.ComponentModel.DataAnnotations;

namespace Storytelling.Stage1.Api;

/// <summary>
/// How the Stage 1 HTTP API listens and what it accepts. <see cref="MaxRequestBytes"/> and <see cref="SubmitPathRoot"/>
/// bind from section <c>stage1</c> (<c>stage1.max_request_bytes</c>, <c>stage1.submit_path_root</c>); the host sets
/// <see cref="Urls"/> (from <c>stage1.api_port</c>) and <see cref="ApiKey"/> (from <c>service.api_key</c>).
/// </summary>
public sealed class Stage1ApiOptions
{
    public const string SectionName = "stage1";

    public const long DefaultMaxRequestBytes = 256L * 1024 * 1024;

    /// <summary>Where Kestrel listens, <c>;</c>-separated (<c>http://127.0.0.1:8001</c>); port 0 picks a free port (see <c>WebApplication.Urls</c> after start).</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:8001";

    /// <summary>When non-empty, every <c>/v1</c> request must carry it in header <c>X-API-Key</c>; health, metrics and OpenAPI stay open.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The largest request body accepted (a JSONL upload); larger bodies are answered 413.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>The folder whose files a client may submit by path (<c>{"path": ...}</c>); empty = submission by path is refused.</summary>
    public string SubmitPathRoot { get; set; } = "";
}
