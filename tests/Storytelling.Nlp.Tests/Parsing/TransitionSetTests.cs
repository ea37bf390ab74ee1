using Storytelling.Nlp.Parsing.Internal;

namespace Storytelling.Nlp.Tests.Parsing;

public sealed class TransitionSetTests
{
    private readonly TransitionSet transitions = new(3);

    [Fact]
    public void Only_shift_is_valid_at_the_start()
    {
        var state = new ArcHybridState();
        state.Reset(3);

        Assert.True(transitions.IsValid(state, TransitionSet.Shift));
        for (var t = 1; t < transitions.Count; t++)
        {
            Assert.False(transitions.IsValid(state, t));
        }
    }

    [Fact]
    public void Right_arc_onto_the_root_waits_for_an_empty_buffer()
    {
        var state = new ArcHybridState();
        state.Reset(2);
        state.Shift();

        Assert.False(transitions.IsValid(state, transitions.Right(TransitionSet.RootLabel)));
        Assert.True(transitions.IsValid(state, TransitionSet.Left(1)));

        state.Shift();
        Assert.True(transitions.IsValid(state, transitions.Right(1)));
        Assert.False(transitions.IsValid(state, transitions.Right(TransitionSet.RootLabel)));
        state.Right(1);

        Assert.True(state.BufferEmpty);
        Assert.True(transitions.IsValid(state, transitions.Right(TransitionSet.RootLabel)));
        Assert.False(transitions.IsValid(state, transitions.Right(1)));
        Assert.False(transitions.IsValid(state, TransitionSet.Shift));
        Assert.False(transitions.IsValid(state, TransitionSet.Left(1)));
    }

    [Fact]
    public void Left_arc_never_uses_the_root_label()
    {
        var state = new ArcHybridState();
        state.Reset(2);
        state.Shift();

        Assert.False(transitions.IsValid(state, TransitionSet.Left(TransitionSet.RootLabel)));
        Assert.True(transitions.IsValid(state, TransitionSet.Left(2)));
    }

    [Fact]
    public void Transitions_build_arcs_and_track_dependents()
    {
        var state = new ArcHybridState();
        state.Reset(3);
        transitions.Apply(state, TransitionSet.Shift);
        transitions.Apply(state, TransitionSet.Left(1));
        transitions.Apply(state, TransitionSet.Shift);
        transitions.Apply(state, TransitionSet.Shift);
        transitions.Apply(state, transitions.Right(2));
        transitions.Apply(state, transitions.Right(TransitionSet.RootLabel));

        Assert.True(state.IsTerminal);
        Assert.Equal([2, 0, 2], state.Heads[1..4]);
        Assert.Equal([1, 0, 2], state.Labels[1..4]);
        Assert.Equal(1, state.Leftmost[2]);
        Assert.Equal(3, state.Rightmost[2]);
        Assert.Equal(1, state.LeftCount[2]);
        Assert.Equal(1, state.RightCount[2]);
        Assert.Equal(1UL << 1, state.LeftLabelSet[2]);
    }

    [Fact]
    public void Every_sequence_of_valid_transitions_ends_in_a_single_rooted_tree()
    {
        var random = new Random(7);
        var state = new ArcHybridState();
        var valid = new List<int>();
        for (var trial = 0; trial < 500; trial++)
        {
            var n = random.Next(1, 30);
            state.Reset(n);
            while (!state.IsTerminal)
            {
                valid.Clear();
                for (var t = 0; t < transitions.Count; t++)
                {
                    if (transitions.IsValid(state, t))
                    {
                        valid.Add(t);
                    }
                }

                Assert.NotEmpty(valid);
                transitions.Apply(state, valid[random.Next(valid.Count)]);
            }

            Assert.True(RandomTrees.IsSingleRootedTree(state.Heads.AsSpan(0, n + 1)));
        }
    }
}
