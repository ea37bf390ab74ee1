using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Storytelling.Cleaning.Steps.Internal;

namespace Storytelling.Cleaning.Steps;

/// <summary>
/// Turns an article's HTML into plain text with its paragraphs: scripts, styles, forms, navigation, headers and
/// footers, share/subscribe widgets, related-link lists, comments, cookie banners and ads are dropped (by tag,
/// ARIA role, id/class words, and link density); the main content (<c>[itemprop=articleBody]</c>, <c>&lt;article&gt;</c>,
/// <c>&lt;main&gt;</c>, or the block holding most of the paragraph text) is preferred; block elements become
/// blank-line separated paragraphs, <c>&lt;br&gt;</c> a newline and list items lines. Content without HTML tags is
/// returned unchanged. Oversized or too deeply nested documents are rejected before parsing. Thread-safe.
/// </summary>
public sealed class HtmlToText(HtmlToTextOptions? options = null)
{
    public const string HtmlTooLarge = "html_too_large";
    public const string HtmlTooDeep = "html_too_deep";

    private const double LinkDensityLimit = 0.6;
    private const double MainBlockShare = 0.6;

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol",
        "dl", "table", "figure", "figcaption", "hr", "address", "details", "summary", "center", "body", "html", "caption",
    };

    private static readonly HashSet<string> Lines = new(StringComparer.OrdinalIgnoreCase) { "li", "dt", "dd", "tr" };

    private static readonly HashSet<string> LinkLists = new(StringComparer.OrdinalIgnoreCase) { "ul", "ol", "div", "section", "table", "dl" };

    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "head", "title" };

    private readonly HtmlToTextOptions _options = options ?? new HtmlToTextOptions();

    public HtmlToTextOptions Options => _options;

    public HtmlText Convert(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!HtmlScan.LooksLikeHtml(content))
        {
            return new HtmlText(content, 0, WasHtml: false);
        }

        if (content.Length > _options.MaxHtmlChars)
        {
            return Rejected(HtmlTooLarge, $"The HTML is {content.Length:N0} characters long; the limit is {_options.MaxHtmlChars:N0}.");
        }

        var depth = HtmlScan.MaxDepth(content, _options.MaxDepth);
        if (depth > _options.MaxDepth)
        {
            return Rejected(HtmlTooDeep, $"The HTML nests elements more than {_options.MaxDepth:N0} levels deep; the limit is {_options.MaxDepth:N0}.");
        }

        var document = new HtmlParser().ParseDocument(content);
        var root = (INode?)document.Body ?? document.DocumentElement;
        var total = CountVisible(root);
        var analysis = Analyze(root);
        var text = Extract(analysis.Main ?? root, analysis.Skipped);
        var kept = CountNonWhitespace(text);
        var ratio = total == 0 ? 0 : Math.Clamp((total - kept) / (double)total, 0, 1);
        return new HtmlText(text, ratio, WasHtml: true);
    }

    private static HtmlText Rejected(string code, string reason) => new("", 0, WasHtml: true, new QualityRejection(code, reason));

    private static int CountVisible(INode root)
    {
        var count = 0;
        var stack = new Stack<INode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.NodeType == NodeType.Text)
            {
                count += CountNonWhitespace(node.TextContent);
                continue;
            }

            if (node is IElement element && Invisible.Contains(element.LocalName))
            {
                continue;
            }

            foreach (var child in node.ChildNodes)
            {
                stack.Push(child);
            }
        }

        return count;
    }

    /// <summary>One post-order pass: boilerplate and link-dense blocks to skip, and the main content element.</summary>
    private static Analysis Analyze(INode root)
    {
        var skipped = new HashSet<INode>();
        var frames = new List<Frame> { new(root) };
        IElement? articleBody = null, article = null, main = null, densest = null;
        int articleText = 0, densestPara = 0, totalPara = 0;
        while (frames.Count > 0)
        {
            var top = frames.Count - 1;
            var frame = frames[top];
            var children = frame.Node.ChildNodes;
            if (frame.Next < children.Length)
            {
                var child = children[frame.Next];
                frame.Next++;
                if (child.NodeType == NodeType.Text)
                {
                    frame.Text += CountNonWhitespace(child.TextContent);
                }
                else if (child is IElement element)
                {
                    if (Boilerplate.IsBoilerplate(element))
                    {
                        skipped.Add(element);
                    }
                    else
                    {
                        frames[top] = frame;
                        frames.Add(new Frame(element));
                        continue;
                    }
                }

                frames[top] = frame;
                continue;
            }

            frames.RemoveAt(top);
            if (frame.Node is not IElement done || frames.Count == 0)
            {
                continue;
            }

            var name = done.LocalName;
            if (name == "a")
            {
                frame.Link = frame.Text;
            }

            if (frame.Text > 0 && LinkLists.Contains(name) && frame.Link > LinkDensityLimit * frame.Text)
            {
                skipped.Add(done);
                continue;
            }

            var parent = frames[^1];
            parent.Text += frame.Text;
            parent.Link += frame.Link;
            if (name == "p")
            {
                parent.Para += frame.Text;
                totalPara += frame.Text;
            }

            frames[^1] = parent;
            if (frame.Para > densestPara)
            {
                (densest, densestPara) = (done, frame.Para);
            }

            if (articleBody == null && string.Equals(done.GetAttribute("itemprop"), "articleBody", StringComparison.OrdinalIgnoreCase))
            {
                articleBody = done;
            }
            else if (name == "article" && frame.Text > articleText)
            {
                (article, articleText) = (done, frame.Text);
            }
            else if (name == "main" && frame.Text > 0)
            {
                main ??= done;
            }
        }

        var main2 = articleBody ?? article ?? main ?? (densestPara >= MainBlockShare * totalPara ? densest : null);
        return new Analysis(main2, skipped);
    }

    private static string Extract(INode container, HashSet<INode> skipped)
    {
        var output = new TextBuilder();
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((container, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node.NodeType == NodeType.Text)
            {
                output.Append(node.TextContent);
                continue;
            }

            if (node is not IElement element || skipped.Contains(element) || Invisible.Contains(element.LocalName))
            {
                continue;
            }

            var name = element.LocalName;
            if (name == "br")
            {
                output.Break(1, accumulate: true);
                continue;
            }

            var breaks = Blocks.Contains(name) ? 2 : Lines.Contains(name) ? 1 : 0;
            if (name is "td" or "th")
            {
                output.Space();
            }

            output.Break(breaks, accumulate: false);
            if (exit)
            {
                continue;
            }

            stack.Push((element, true));
            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push((children[i], false));
            }
        }

        return output.ToString();
    }

    private static int CountNonWhitespace(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }

    private struct Frame(INode node)
    {
        public INode Node = node;
        public int Next;
        public int Text;
        public int Link;
        public int Para;
    }

    private sealed record Analysis(IElement? Main, HashSet<INode> Skipped);
}
