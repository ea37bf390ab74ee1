namespace Storytelling.Nlp.Parsing.Internal;

/// <summary>The moves of the arc-hybrid system.</summary>
internal enum Move : byte
{
    Shift,
    Left,
    Right,
}

/// <summary>
/// Numbers the labeled transitions as perceptron classes: 0 is SHIFT, then LEFT-ARC:label for every label,
/// then RIGHT-ARC:label. Label 0 is always <c>root</c>, which only RIGHT-ARC onto the artificial root may use.
/// </summary>
internal sealed class TransitionSet
{
    public const int RootLabel = 0;
    public const int Shift = 0;

    public TransitionSet(int labelCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(labelCount, 1);
        LabelCount = labelCount;
    }

    public int LabelCount { get; }

    public int Count => 1 + (2 * LabelCount);

    public static int Left(int label) => 1 + label;

    public int Right(int label) => 1 + LabelCount + label;

    public Move MoveOf(int transition) =>
        transition == Shift ? Move.Shift : transition <= LabelCount ? Move.Left : Move.Right;

    public int LabelOf(int transition) =>
        transition == Shift ? -1 : transition <= LabelCount ? transition - 1 : transition - 1 - LabelCount;

    /// <summary>Whether <paramref name="transition"/> may be applied in <paramref name="state"/>.</summary>
    public bool IsValid(ArcHybridState state, int transition)
    {
        switch (MoveOf(transition))
        {
            case Move.Shift:
                return state.CanShift;
            case Move.Left:
                return state.CanLeft && LabelOf(transition) != RootLabel;
            default:
                if (!state.CanRight)
                {
                    return false;
                }

                return state.RightAttachesToRoot == (LabelOf(transition) == RootLabel);
        }
    }

    /// <summary>Applies a transition; the caller has checked <see cref="IsValid"/>.</summary>
    public void Apply(ArcHybridState state, int transition)
    {
        switch (MoveOf(transition))
        {
            case Move.Shift:
                state.Shift();
                break;
            case Move.Left:
                state.Left(LabelOf(transition));
                break;
            default:
                state.Right(LabelOf(transition));
                break;
        }
    }

    /// <summary>The valid transition with the highest score.</summary>
    public int BestValid(ArcHybridState state, ReadOnlySpan<float> scores)
    {
        var best = -1;
        var bestScore = float.NegativeInfinity;
        if (state.CanShift)
        {
            best = Shift;
            bestScore = scores[Shift];
        }

        if (state.CanLeft)
        {
            for (var label = 1; label < LabelCount; label++)
            {
                var t = Left(label);
                if (best < 0 || scores[t] > bestScore)
                {
                    best = t;
                    bestScore = scores[t];
                }
            }
        }

        if (state.CanRight)
        {
            if (state.RightAttachesToRoot)
            {
                var t = Right(RootLabel);
                if (best < 0 || scores[t] > bestScore)
                {
                    best = t;
                }
            }
            else
            {
                for (var label = 1; label < LabelCount; label++)
                {
                    var t = Right(label);
                    if (best < 0 || scores[t] > bestScore)
                    {
                        best = t;
                        bestScore = scores[t];
                    }
                }
            }
        }

        return best;
    }
}
