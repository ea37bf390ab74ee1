using Storytelling.Nlp.Parsing.Internal;

namespace Storytelling.Nlp.Tests.Parsing;

public sealed class ProjectivizerTests
{
    [Fact]
    public void Projective_trees_are_left_unchanged()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 500; trial++)
        {
            var heads = RandomTrees.Projective(random, random.Next(1, 40));
            var copy = (int[])heads.Clone();

            Assert.True(Projectivizer.IsProjective(heads));
            Assert.Equal(0, Projectivizer.Projectivize(copy));
            Assert.Equal(heads, copy);
        }
    }

    [Fact]
    public void Lifting_makes_any_tree_projective_by_moving_words_to_an_ancestor_of_their_head()
    {
        var random = new Random(9);
        var lifted = 0;
        for (var trial = 0; trial < 500; trial++)
        {
            var original = RandomTrees.Any(random, random.Next(1, 25));
            var heads = (int[])original.Clone();
            lifted += Projectivizer.Projectivize(heads);

            Assert.True(Projectivizer.IsProjective(heads));
            Assert.True(RandomTrees.IsSingleRootedTree(heads));
            for (var d = 1; d < heads.Length; d++)
            {
                Assert.True(IsAncestorOrSelf(original, heads[d], original[d]), $"word {d} was moved off its ancestor line");
            }
        }

        Assert.True(lifted > 0);
    }

    [Fact]
    public void A_crossing_arc_is_lifted_to_the_grandparent()
    {
        // 1 ← 3 (root), 1 → 2, 2 → 4: the arc 2 → 4 spans 3, which does not descend from 2; two lifts move 4 under 3.
        int[] heads = [-1, 3, 1, 0, 2];

        Assert.False(Projectivizer.IsProjective(heads));
        Assert.Equal(2, Projectivizer.Projectivize(heads));
        Assert.Equal([-1, 3, 1, 0, 3], heads);
    }

    private static bool IsAncestorOrSelf(int[] heads, int ancestor, int word)
    {
        for (var node = word; node > 0; node = heads[node])
        {
            if (node == ancestor)
            {
                return true;
            }
        }

        return ancestor == 0;
    }
}
