namespace Storytelling.Cleaning.Steps;

/// <summary>
/// The result of <see cref="HtmlToText"/>: paragraphs separated by blank lines, the share of the page's visible
/// text that was removed as boilerplate (0 for plain text), whether the content was HTML at all, and a rejection
/// when the HTML was too large or too deeply nested to parse (then <see cref="Text"/> is empty).
/// </summary>
public sealed record HtmlText(string Text, double BoilerplateRatio, bool WasHtml, QualityRejection? Rejection = null);
