using System.Diagnostics.CodeAnalysis;

namespace Storytelling.Articles;

/// <summary>One non-blank input line: either an accepted <see cref="Article"/> or a <see cref="RejectedRecord"/>.</summary>
public sealed record ArticleReadResult
{
    private ArticleReadResult(Article? article, RejectedRecord? rejected)
    {
        Article = article;
        Rejected = rejected;
    }

    public Article? Article { get; }

    public RejectedRecord? Rejected { get; }

    [MemberNotNullWhen(true, nameof(Rejected))]
    [MemberNotNullWhen(false, nameof(Article))]
    public bool IsRejected => Rejected is not null;

    public InputLocation Location => Article?.Origin ?? Rejected!.Location;

    public static ArticleReadResult Accepted(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new ArticleReadResult(article, null);
    }

    public static ArticleReadResult Rejection(RejectedRecord rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return new ArticleReadResult(null, rejected);
    }
}
