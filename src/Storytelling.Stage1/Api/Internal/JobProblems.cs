using Microsoft.AspNetCore.Http.HttpResults;
using Storytelling.Hosting;

namespace Storytelling.Stage1.Api.Internal;

/// <summary>The Stage 1 API's own problem details answers (the shared ones are <see cref="ApiProblems"/>).</summary>
internal static class JobProblems
{
    public const string MaxRequestBytesKey = "stage1.max_request_bytes";

    private const string TooLargeAdvice = "split the input into smaller batches, or put the file under stage1.submit_path_root and submit it by path";

    public static ProblemHttpResult NoJob(string id) =>
        ApiProblems.NotFound("Job not found", $"no job '{id}': use the id (job-...) from the Location header of POST /v1/jobs");

    public static ProblemHttpResult TooLarge(long limit, long? length) => ApiProblems.TooLarge(limit, MaxRequestBytesKey, length, TooLargeAdvice);

    public static string TooLargeDetail(long limit, long? length) => ApiProblems.TooLargeDetail(limit, MaxRequestBytesKey, length, TooLargeAdvice);
}
