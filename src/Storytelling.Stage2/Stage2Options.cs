using System.ComponentModel.DataAnnotations;

namespace Storytelling.Stage2;

/// <summary>
/// Section <c>stage2</c>: where Stage 2's work items and announcements go, its database, where it reads Stage 1's
/// documents, and the workers' concurrency. The event consumer's own keys are section <c>event_consumer</c>.
/// </summary>
public sealed class Stage2Options : IValidatableObject
{
    public const string SectionName = "stage2";

    [Range(1, 65535)]
    public int ApiPort { get; set; } = 8002;

    /// <summary>Where <c>serve --role nlp-worker</c> serves <c>/health*</c> and <c>/metrics</c>; 0 = not served.</summary>
    [Range(0, 65535)]
    public int WorkerHealthPort { get; set; } = 8012;

    /// <summary>Where <c>serve --role storyline-builder</c> serves <c>/health*</c> and <c>/metrics</c>; 0 = not served.</summary>
    [Range(0, 65535)]
    public int StorylineBuilderHealthPort { get; set; } = 8013;

    /// <summary>Where <c>nlp.document.processed</c>, <c>nlp.document.failed</c> and <c>nlp.job.completed</c> are announced.</summary>
    [Required]
    public string EventStream { get; set; } = "stage2:nlp:events";

    [Range(0, 15)]
    public int RedisDb { get; set; } = 3;

    /// <summary>The NLP work queue: one entry per document to analyse.</summary>
    [Required]
    public string WorkStream { get; set; } = "stage2:nlp:work";

    [Required]
    public string WorkGroup { get; set; } = "stage2-nlp-workers";

    /// <summary>
    /// Where workers read Stage 1's cleaned documents: <c>postgresql</c> (Stage 1's database) or <c>jsonl</c> (Stage 1's
    /// job exports <c>&lt;input_dir&gt;/&lt;job id&gt;.jsonl</c>, written when a Stage 1 job completes, so only with
    /// <c>event_consumer.batch_mode</c>).
    /// </summary>
    [Required]
    public string InputSource { get; set; } = "postgresql";

    /// <summary>Stage 1's <c>stage1.output_dir</c> as this process sees it (read when <see cref="InputSource"/> is <c>jsonl</c>).</summary>
    public string InputDir { get; set; } = "/shared/stage1";

    /// <summary>Where the JSONL backend writes <c>&lt;job id&gt;/documents.jsonl</c> and <c>events.jsonl</c>.</summary>
    public string OutputDir { get; set; } = "/shared/stage2";

    /// <summary>The JSONL backend also appends each document to <c>&lt;job id&gt;/*.partial.jsonl</c> as it is analysed.</summary>
    public bool ProgressiveSave { get; set; } = true;

    /// <summary>Documents one worker process analyses at once (CPU-bound work).</summary>
    [Range(1, 256)]
    public int WorkerConcurrency { get; set; } = 2;

    /// <summary>
    /// Where analysed documents are written: <c>postgresql</c> (required: the NLP API and the storyline builder read it),
    /// and optionally <c>jsonl</c> and <c>elasticsearch</c>. A failing optional backend never fails a document.
    /// </summary>
    public IReadOnlyList<string> StorageBackends { get; set; } = ["jsonl", "postgresql"];

    /// <summary>The Elasticsearch cluster the <c>elasticsearch</c> backend writes to through <c>POST {url}/_bulk</c>.</summary>
    public string ElasticsearchUrl { get; set; } = "";

    /// <summary>Indices <c>&lt;prefix&gt;-documents</c> and <c>&lt;prefix&gt;-events</c>.</summary>
    public string ElasticsearchIndexPrefix { get; set; } = "storytelling";

    /// <summary>Sent as <c>Authorization: ApiKey &lt;key&gt;</c> (the encoded key Elasticsearch hands out); empty = none.</summary>
    public string ElasticsearchApiKey { get; set; } = "";

    [Range(0.1, 600)]
    public double ElasticsearchTimeoutSeconds { get; set; } = 10;

    [Required]
    public string PostgresDatabase { get; set; } = "stage2_nlp";

    /// <summary>Password for <see cref="PostgresDatabase"/>; empty = <c>postgres.password</c>.</summary>
    public string? PostgresPassword { get; set; }

    /// <summary>How long work items and announcements are remembered so a repeated step does not enqueue or announce twice.</summary>
    [Range(1, 8760)]
    public double PublishMemoryHours { get; set; } = 24;

    /// <summary>A dead worker's work items are taken over by the others after this long.</summary>
    [Range(1, 3600)]
    public double WorkReclaimIdleSeconds { get; set; } = 60;

    public TimeSpan PublishMemory => TimeSpan.FromHours(PublishMemoryHours);

    /// <summary>The dead-letter stream of the work queue.</summary>
    public string WorkDeadLetterStream => WorkStream + ":failed";

    /// <summary>The names <see cref="StorageBackends"/> may hold.</summary>
    public static IReadOnlyList<string> KnownBackends { get; } = [Backends.PostgresBackend.BackendName, Backends.JsonlBackend.BackendName, Backends.ElasticsearchBackend.BackendName];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (InputSource is not ("postgresql" or "jsonl"))
        {
            yield return new ValidationResult(
                $"stage2.input_source '{InputSource}' is not known; use postgresql (Stage 1's database) or jsonl (Stage 1's job files in stage2.input_dir)", [nameof(InputSource)]);
        }

        foreach (var name in StorageBackends.Where(n => !KnownBackends.Contains(n)))
        {
            yield return new ValidationResult(
                $"stage2.storage_backends holds '{name}', which is not a storage backend; allowed: {string.Join(", ", KnownBackends)}", [nameof(StorageBackends)]);
        }

        if (!StorageBackends.Contains(Backends.PostgresBackend.BackendName))
        {
            yield return new ValidationResult(
                "stage2.storage_backends must include postgresql (the NLP API, the storyline builder and job completion read it); " +
                $"it holds [{string.Join(", ", StorageBackends)}]", [nameof(StorageBackends)]);
        }

        if (StorageBackends.Contains(Backends.ElasticsearchBackend.BackendName)
            && !(Uri.TryCreate(ElasticsearchUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            yield return new ValidationResult(
                $"stage2.elasticsearch_url '{ElasticsearchUrl}' must be an absolute http(s) URL such as http://127.0.0.1:9200 when storage_backends lists elasticsearch",
                [nameof(ElasticsearchUrl)]);
        }

        if (ElasticsearchIndexPrefix.Length == 0 || ElasticsearchIndexPrefix[0] is '-' or '_' or '.'
            || !ElasticsearchIndexPrefix.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
        {
            yield return new ValidationResult(
                $"stage2.elasticsearch_index_prefix '{ElasticsearchIndexPrefix}' cannot start an index name: use lowercase letters, digits, '-', '_' and '.', not first",
                [nameof(ElasticsearchIndexPrefix)]);
        }
    }

    /// <summary>
    /// Problems of these settings together with the event consumer's (section <c>event_consumer</c>): reading Stage 1's
    /// JSONL exports needs batch mode, since a job's export exists only once the job completed.
    /// </summary>
    public IEnumerable<string> ProblemsWith(bool eventConsumerBatchMode)
    {
        if (InputSource == "jsonl" && !eventConsumerBatchMode)
        {
            yield return "stage2.input_source jsonl needs event_consumer.batch_mode true: Stage 1 writes a job's JSONL file only when the job completes, " +
                "so a document announced by document.cleaned cannot be read from it yet (use input_source postgresql without batch mode)";
        }
    }
}
