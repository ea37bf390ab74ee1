using System.Text;

namespace Storytelling.Cleaning.Steps.Internal;

/// <summary>Appends text runs with collapsed whitespace; line and paragraph breaks are held until the next visible text.</summary>
internal sealed class TextBuilder
{
    private readonly StringBuilder _builder = new();
    private int _pendingBreaks;
    private bool _pendingSpace;

    public void Append(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                _pendingSpace = true;
                continue;
            }

            if (_builder.Length > 0)
            {
                if (_pendingBreaks > 0)
                {
                    _builder.Append(_pendingBreaks >= 2 ? "\n\n" : "\n");
                }
                else if (_pendingSpace)
                {
                    _builder.Append(' ');
                }
            }

            _pendingBreaks = 0;
            _pendingSpace = false;
            _builder.Append(c);
        }
    }

    public void Space() => _pendingSpace = true;

    /// <summary>Asks for <paramref name="breaks"/> newlines (1 = line, 2 = paragraph) before the next text; <c>&lt;br&gt;</c> accumulates.</summary>
    public void Break(int breaks, bool accumulate)
    {
        _pendingBreaks = accumulate ? Math.Min(2, _pendingBreaks + breaks) : Math.Max(_pendingBreaks, breaks);
    }

    public override string ToString() => _builder.ToString();
}
