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

    [Theory]
    [InlineData(40, WeightPrecision.HalfPrecision)]
    [InlineData(40, WeightPrecision.FullPrecision)]
    [InlineData(300, WeightPrecision.HalfPrecision)]
    [InlineData(300, WeightPrecision.FullPrecision)]
    public void A_read_model_scores_exactly_the_sum_of_its_weights_in_feature_order(int classCount, WeightPrecision precision)
    {
        // Rows of one class to half of them, weights half-exact or not (and some -0), keys that share home slots:
        // every layout the frozen table may choose must add the same weights in the same order as a plain
        // dictionary would, bit for bit.
        var random = new Random(11);
        var rows = new Dictionary<ulong, (ushort Class, float Weight)[]>();
        for (int f = 0; rows.Count < 700; f++)
        {
            ulong key = f % 7 == 0 ? ((ulong)f << 40) | 5 : FeatureHasher.Hash(3, f);
            var classes = Enumerable.Range(0, classCount).OrderBy(_ => random.Next()).Take(1 + random.Next(random.Next(4) == 0 ? classCount / 2 : 5)).Order().ToArray();
            rows[key] = [.. classes.Select(c => ((ushort)c, Weight(random, precision)))];
        }

        var bytes = ModelBytes(classCount, precision, rows);
        var model = AveragedPerceptron.Read(new BinaryReader(new MemoryStream(bytes)));
        Assert.Equal(rows.Values.Sum(r => r.Length), model.WeightCount);

        var keys = rows.Keys.ToArray();
        var actual = new float[classCount];
        for (int trial = 0; trial < 50; trial++)
        {
            var features = Enumerable.Range(0, 1 + random.Next(300))
                .Select(_ => random.Next(10) == 0 ? FeatureHasher.Hash(4, random.Next()) : keys[random.Next(keys.Length)])
                .ToArray();
            var expected = new float[classCount];
            foreach (ulong feature in features)
            {
                if (rows.TryGetValue(feature, out var row))
                {
                    foreach (var (cls, weight) in row)
                    {
                        expected[cls] += weight;
                    }
                }
            }

            model.Score(features, actual);
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
        }

        using var rewritten = new MemoryStream();
        using (var writer = new BinaryWriter(rewritten, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.Write(writer, precision);
        }

        var reread = AveragedPerceptron.Read(new BinaryReader(new MemoryStream(rewritten.ToArray())));
        var again = new float[classCount];
        foreach (ulong key in keys)
        {
            model.Score([key], actual);
            reread.Score([key], again);
            Assert.Equal(actual, again);
        }
    }

    private static float Weight(Random random, WeightPrecision precision)
    {
        if (random.Next(50) == 0)
        {
            return -0f;
        }

        float weight = (float)((random.NextDouble() * 4) - 2);
        return precision == WeightPrecision.HalfPrecision || random.Next(3) == 0 ? (float)(Half)weight : weight;
    }

    private static byte[] ModelBytes(int classCount, WeightPrecision precision, Dictionary<ulong, (ushort Class, float Weight)[]> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(classCount);
            writer.Write((byte)precision);
            writer.Write(rows.Count);
            foreach (var (key, row) in rows)
            {
                writer.Write(key);
                writer.Write7BitEncodedInt(row.Length);
                foreach (var (cls, weight) in row)
                {
                    if (classCount <= 256)
                    {
                        writer.Write((byte)cls);
                    }
                    else
                    {
                        writer.Write(cls);
                    }

                    if (precision == WeightPrecision.HalfPrecision)
                    {
                        writer.Write((Half)weight);
                    }
                    else
                    {
                        writer.Write(weight);
                    }
                }
            }
        }

        return stream.ToArray();
    }

    [Fact]
    public void ArgMax_returns_the_first_best_index() =>
        Assert.Equal(9, AveragedPerceptron.ArgMax([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 10, 3, 2, 1, 0, -1, -2, 5]));
}
