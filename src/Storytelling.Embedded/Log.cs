using Microsoft.Extensions.Logging;

namespace Storytelling.Embedded;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, EventName = "run_started",
        Message = "run started: input {Input}, output {OutputDir}, {Concurrency} documents analysed at once")]
    public static partial void Started(ILogger logger, string input, string outputDir, int concurrency);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, EventName = "document_analysis_failed",
        Message = "document {DocumentId} (line {Line}) failed in NLP on attempt {Attempt}; it is kept as rejected with the error")]
    public static partial void AnalysisFailed(ILogger logger, Exception exception, string documentId, long line, int attempt);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, EventName = "run_completed",
        Message = "run completed: {Cleaned} documents cleaned, {Rejected} rejected, {Events} events, {Storylines} storylines in {ElapsedMs} ms")]
    public static partial void Completed(ILogger logger, long cleaned, long rejected, long events, int storylines, long elapsedMs);
}
