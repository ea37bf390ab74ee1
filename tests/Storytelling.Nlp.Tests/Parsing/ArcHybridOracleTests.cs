using Storytelling.Nlp.Parsing.Internal;

namespace Storytelling.Nlp.Tests.Parsing;

public sealed class ArcHybridOracleTests
{
    private const int Dep = 1;
    private const int Det = 2;

    // "The dog barked": The ← dog ← barked ← root.
    private static readonly int[] DogHeads = [-1, 2, 3, 0];
    private static readonly int[] DogLabels = [0, Det, Dep, TransitionSet.RootLabel];

    private readonly TransitionSet transitions = new(3);

    [Fact]
    public void Attaching_a_determiner_to_its_noun_costs_nothing_and_shifting_past_it_costs_one_arc()
    {
        var state = new ArcHybridState();
        state.Reset(3);
        state.Shift();
        var costs = Costs(state, DogHeads, DogLabels);

        Assert.Equal(0, costs[TransitionSet.Left(Det)]);
        Assert.Equal(1, costs[TransitionSet.Left(Dep)]);
        Assert.Equal(1, costs[TransitionSet.Shift]);
        Assert.Equal(ArcHybridOracle.Invalid, costs[transitions.Right(TransitionSet.RootLabel)]);
    }

    [Fact]
    public void After_a_mistake_the_oracle_still_finds_the_best_remaining_transitions()
    {
        var state = new ArcHybridState();
        state.Reset(3);
        state.Shift();
        state.Shift();

        // Stack: root The dog; buffer: barked. The's arc is lost; dog ← barked is still reachable, and shifting
        // barked would lose both it and root → barked.
        var costs = Costs(state, DogHeads, DogLabels);

        Assert.Equal(0, costs[TransitionSet.Left(Dep)]);
        Assert.Equal(1, costs[transitions.Right(Dep)]);
        Assert.Equal(2, costs[TransitionSet.Shift]);
    }

    [Fact]
    public void A_right_arc_with_the_wrong_label_costs_one()
    {
        // "barked loudly": loudly is a right dependent (label Dep) of barked.
        int[] heads = [-1, 0, 1];
        int[] labels = [0, TransitionSet.RootLabel, Dep];
        var state = new ArcHybridState();
        state.Reset(2);
        state.Shift();
        state.Shift();
        var costs = Costs(state, heads, labels);

        Assert.Equal(0, costs[transitions.Right(Dep)]);
        Assert.Equal(1, costs[transitions.Right(Det)]);
    }

    [Fact]
    public void Costs_equal_the_loss_found_by_exhaustive_search_on_small_trees()
    {
        var random = new Random(11);
        var unlabeled = new TransitionSet(2);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = random.Next(1, 6);
            var gold = RandomTrees.Projective(random, n);
            var labels = gold.Select(h => h == 0 ? TransitionSet.RootLabel : 1).ToArray();
            var history = new List<int>();
            var state = Replay(n, history, unlabeled);
            while (!state.IsTerminal)
            {
                var before = BestReachableLoss(n, history, gold, unlabeled);
                var costs = new int[unlabeled.Count];
                ArcHybridOracle.FillCosts(state, unlabeled, gold, labels, costs);
                var valid = new List<int>();
                for (var t = 0; t < unlabeled.Count; t++)
                {
                    if (!unlabeled.IsValid(state, t))
                    {
                        Assert.Equal(ArcHybridOracle.Invalid, costs[t]);
                        continue;
                    }

                    valid.Add(t);
                    var after = BestReachableLoss(n, [.. history, t], gold, unlabeled);
                    Assert.Equal(after - before, costs[t]);
                }

                var next = valid[random.Next(valid.Count)];
                history.Add(next);
                unlabeled.Apply(state, next);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Following_zero_cost_transitions_reproduces_projective_trees_exactly(bool randomTies)
    {
        var random = new Random(3);
        var state = new ArcHybridState();
        var costs = new int[transitions.Count];
        for (var trial = 0; trial < 300; trial++)
        {
            var n = random.Next(1, 40);
            var gold = RandomTrees.Projective(random, n);
            var labels = gold.Select((h, d) => h == 0 ? TransitionSet.RootLabel : 1 + (d % 2)).ToArray();
            state.Reset(n);
            while (!state.IsTerminal)
            {
                ArcHybridOracle.FillCosts(state, transitions, gold, labels, costs);
                var zero = Enumerable.Range(0, transitions.Count).Where(t => costs[t] == 0).ToList();
                Assert.NotEmpty(zero);
                transitions.Apply(state, randomTies ? zero[random.Next(zero.Count)] : zero[0]);
            }

            Assert.Equal(gold[1..], state.Heads[1..(n + 1)]);
            Assert.Equal(labels[1..], state.Labels[1..(n + 1)]);
        }
    }

    private int[] Costs(ArcHybridState state, int[] heads, int[] labels)
    {
        var costs = new int[transitions.Count];
        ArcHybridOracle.FillCosts(state, transitions, heads, labels, costs);
        return costs;
    }

    private static ArcHybridState Replay(int n, List<int> history, TransitionSet transitions)
    {
        var state = new ArcHybridState();
        state.Reset(n);
        foreach (var t in history)
        {
            transitions.Apply(state, t);
        }

        return state;
    }

    /// <summary>The fewest wrong heads of any complete tree reachable after <paramref name="history"/>.</summary>
    private static int BestReachableLoss(int n, List<int> history, int[] gold, TransitionSet transitions)
    {
        var state = Replay(n, history, transitions);
        if (state.IsTerminal)
        {
            var loss = 0;
            for (var d = 1; d <= n; d++)
            {
                loss += state.Heads[d] == gold[d] ? 0 : 1;
            }

            return loss;
        }

        var best = int.MaxValue;
        for (var t = 0; t < transitions.Count; t++)
        {
            if (transitions.IsValid(state, t))
            {
                best = Math.Min(best, BestReachableLoss(n, [.. history, t], gold, transitions));
            }
        }

        return best;
    }
}
