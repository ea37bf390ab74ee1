namespace Storytelling.Articles.Internal;

/// <summary>The known fields of one input line as strings; null when absent or JSON null.</summary>
internal sealed class ArticleFields
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Content { get; set; }

    public string? Text { get; set; }

    public string? Body { get; set; }

    public string? Html { get; set; }

    public string? Url { get; set; }

    public string? Source { get; set; }

    public string? Author { get; set; }

    public string? PublishedAt { get; set; }

    public string? Language { get; set; }
}
