using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Storytelling.Hosting;

namespace Storytelling.Metadata.Api.Internal;

/// <summary>
/// The handlers of <see cref="RegistryApi.MapRegistryEndpoints"/>. Query parameters are taken as text and checked by
/// <see cref="RegistryQueryParser"/>, so a bad one is a 400 problem that names it and says what is allowed.
/// </summary>
internal sealed class RegistryEndpoints(MetadataReader reader)
{
    private const string JobIdAdvice = "use a job id (job-...) from GET /v1/registry/jobs, storytelling batch submit or a stage's API";

    private static readonly Func<string, string> Parameter = name => "query parameter " + name;

    public async Task<Results<Ok<JobList>, ProblemHttpResult>> ListJobsAsync(
        [FromQuery(Name = "stage")] string? stage,
        [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "since")] string? since,
        [FromQuery(Name = "until")] string? until,
        [FromQuery(Name = "limit")] string? limit,
        CancellationToken cancellationToken)
    {
        if (RegistryQueryParser.TryJobs(stage, status, since, until, limit, Parameter, out var query) is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }

        var jobs = await reader.ListJobsAsync(query, cancellationToken);
        return TypedResults.Ok(new JobList(jobs.Count, jobs));
    }

    public async Task<Results<Ok<JobStages>, ProblemHttpResult>> GetJobAsync(string id, CancellationToken cancellationToken)
    {
        var stages = await reader.GetJobStagesAsync(id, cancellationToken);
        return stages.Count > 0 ? TypedResults.Ok(new JobStages(id, stages)) : UnknownJob(id);
    }

    public async Task<Results<Ok<JobDocuments>, ProblemHttpResult>> DocumentsOfJobAsync(
        string id, [FromQuery(Name = "limit")] string? limit, CancellationToken cancellationToken)
    {
        if (RegistryQueryParser.TryLimit(limit, Parameter, out var count) is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }

        var documents = await reader.DocumentsOfJobAsync(id, count, cancellationToken);
        if (documents.Count == 0 && (await reader.GetJobStagesAsync(id, cancellationToken)).Count == 0)
        {
            return UnknownJob(id);
        }

        return TypedResults.Ok(new JobDocuments(id, documents.Count, documents));
    }

    public async Task<Results<Ok<JobRunEvents>, ProblemHttpResult>> OpenLineageAsync(string id, CancellationToken cancellationToken)
    {
        var events = await reader.RunEventsAsync(id, cancellationToken);
        return events.Count > 0 ? TypedResults.Ok(new JobRunEvents(id, events)) : UnknownJob(id);
    }

    public async Task<Results<Ok<EventList>, ProblemHttpResult>> ListEventsAsync(
        [FromQuery(Name = "document")] string? document,
        [FromQuery(Name = "type")] string? type,
        [FromQuery(Name = "from")] string? from,
        [FromQuery(Name = "to")] string? to,
        [FromQuery(Name = "storyline")] string? storyline,
        [FromQuery(Name = "limit")] string? limit,
        CancellationToken cancellationToken)
    {
        if (RegistryQueryParser.TryEvents(document, type, from, to, storyline, limit, Parameter, out var query) is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }

        try
        {
            var events = await reader.ListEventsAsync(query, cancellationToken);
            return TypedResults.Ok(new EventList(events.Count, events));
        }
        catch (NotSupportedException e)
        {
            // The Redis primary keeps no index by type or date: the request asks what this registry cannot answer.
            return ApiProblems.BadRequest(e.Message);
        }
    }

    public async Task<Results<Ok<Lineage>, ProblemHttpResult>> DocumentLineageAsync(string id, CancellationToken cancellationToken)
    {
        var lineage = await reader.LineageOfDocumentAsync(id, cancellationToken);
        return lineage.Documents.Count > 0 || lineage.Events.Count > 0
            ? TypedResults.Ok(lineage)
            : ApiProblems.NotFound("Document not found",
                $"the registry holds no document '{id}': documents appear once a stage recorded them (metadata_registry.enabled, within the rollout)");
    }

    public async Task<Results<Ok<Lineage>, ProblemHttpResult>> StorylineLineageAsync(string id, CancellationToken cancellationToken)
    {
        var lineage = await reader.LineageOfStorylineAsync(id, cancellationToken);
        return lineage.Events.Count > 0
            ? TypedResults.Ok(lineage)
            : ApiProblems.NotFound("Storyline not found",
                $"no event in the registry belongs to storyline '{id}': storyline ids come from an event's storyline_id or Stage 2's GET /v1/storylines");
    }

    private static ProblemHttpResult UnknownJob(string id) =>
        ApiProblems.NotFound("Job not found", $"the registry holds no job '{id}': {JobIdAdvice}");
}
