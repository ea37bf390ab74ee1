using Storytelling.Nlp.Features;
using Storytelling.Nlp.Learning;

namespace Storytelling.Nlp.Tests.Learning;

public sealed class AveragedPerceptronTests
{
    private static (ulong[] Features, int Label)[] Problem()
    {
        // Three classes, each announced by its own feature among shared noise features: linearly separable.
        var examples = new List<(ulong[], int)>();
        for (int i = 0; i < 60; i++)
        {
            int label = i % 3;
            examples.Add(([FeatureHasher.Hash(1, label), FeatureHasher.Hash(2, i % 5), FeatureHasher.Hash(0)], label));
        }

        return [.. examples];
    }

    private static AveragedPerceptron Train(int seed)
    {
        var examples = Problem();
        var model = new AveragedPerceptron(3);
        var random = new Random(seed);
        var scores = new float[3];
        for (int epoch = 0; epoch < 5; epoch++)
        {
            random.Shuffle(examples);
            foreach (var (features, label) in examples)
            {
                model.Update(label, model.Predict(features, scores), features);
            }
        }

        model.Average();
        return model;
    }

    [Fact]
    public void Learns_a_small_separable_problem()
    {
        var model = Train(seed: 7);
        var scores = new float[3];
        foreach (var (features, label) in Problem())
        {
            Assert.Equal(label, model.Predict(features, scores));
        }
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        static byte[] Bytes(AveragedPerceptron model)
        {
            using var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream))
            {
                model.Write(writer, WeightPrecision.FullPrecision);
            }

            return stream.ToArray();
        }

        Assert.Equal(Bytes(Train(3)), Bytes(Train(3)));
    }

    [Fact]
    public void Averaging_keeps_the_mean_of_the_weights_over_all_examples()
    {
        var model = new AveragedPerceptron(2);
        ulong[] features = [FeatureHasher.Hash(1)];
        model.Update(1, 0, features);
        model.Update(1, 1, features);
        model.Update(1, 1, features);
        model.Update(1, 1, features);
        model.Average();
        var scores = new float[2];
        model.Score(features, scores);
        Assert.Equal(1f, scores[1], 5);
        Assert.Equal(-1f, scores[0], 5);
    }

    [Fact]
    public void Write_then_read_gives_the_same_scores()
    {
        var model = Train(1);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.Write(writer, WeightPrecision.FullPrecision);
        }

        stream.Position = 0;
        var loaded = AveragedPerceptron.Read(new BinaryReader(stream));
        var expected = new float[3];
        var actual = new float[3];
        foreach (var (features, _) in Problem())
        {
            model.Score(features, expected);
            loaded.Score(features, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void ArgMax_returns_the_first_best_index() =>
        Assert.Equal(9, AveragedPerceptron.ArgMax([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 10, 3, 2, 1, 0, -1, -2, 5]));
}
