namespace Storytelling.Nlp.Parsing.Internal;

/// <summary>
/// The dynamic oracle of the arc-hybrid system (Goldberg and Nivre 2013): the cost of a transition is the number
/// of gold arcs that were still reachable before it and no longer are after it; a labeled arc with the right head
/// and a wrong label costs one more. The system is arc-decomposable, so these costs are exact for projective gold
/// trees from any configuration, including ones reached by earlier mistakes.
/// </summary>
internal static class ArcHybridOracle
{
    public const int Invalid = int.MaxValue;

    /// <summary>Fills <paramref name="costs"/> (one per transition) with the cost, or <see cref="Invalid"/>.</summary>
    public static void FillCosts(
        ArcHybridState state,
        TransitionSet transitions,
        ReadOnlySpan<int> goldHeads,
        ReadOnlySpan<int> goldLabels,
        Span<int> costs)
    {
        costs[..transitions.Count].Fill(Invalid);
        var s0 = state.Stack(0);
        var b0 = state.Buffer(0);

        if (state.CanShift)
        {
            costs[TransitionSet.Shift] = ShiftCost(state, goldHeads, b0, s0);
        }

        if (state.CanLeft)
        {
            var cost = DependentsInBuffer(state, goldHeads, s0);
            var head = goldHeads[s0];
            var s1 = state.Stack(1);
            if (head != b0 && (head == s1 || head > b0))
            {
                cost++;
            }

            for (var label = 1; label < transitions.LabelCount; label++)
            {
                costs[TransitionSet.Left(label)] = cost + (head == b0 && goldLabels[s0] != label ? 1 : 0);
            }
        }

        if (state.CanRight)
        {
            var cost = DependentsInBuffer(state, goldHeads, s0);
            var head = goldHeads[s0];
            if (!state.BufferEmpty && head >= b0)
            {
                cost++;
            }

            var s1 = state.Stack(1);
            if (state.RightAttachesToRoot)
            {
                costs[transitions.Right(TransitionSet.RootLabel)] = cost;
            }
            else
            {
                for (var label = 1; label < transitions.LabelCount; label++)
                {
                    costs[transitions.Right(label)] = cost + (head == s1 && goldLabels[s0] != label ? 1 : 0);
                }
            }
        }
    }

    private static int ShiftCost(ArcHybridState state, ReadOnlySpan<int> goldHeads, int b0, int s0)
    {
        var cost = 0;
        for (var depth = 0; depth < state.StackCount; depth++)
        {
            var item = state.Stack(depth);
            if (item != ArcHybridState.Root && goldHeads[item] == b0)
            {
                cost++;
            }

            if (depth > 0 && goldHeads[b0] == item)
            {
                cost++;
            }
        }

        return cost;
    }

    private static int DependentsInBuffer(ArcHybridState state, ReadOnlySpan<int> goldHeads, int word)
    {
        var cost = 0;
        for (var i = state.BufferFront; i <= state.WordCount; i++)
        {
            if (goldHeads[i] == word)
            {
                cost++;
            }
        }

        return cost;
    }
}
