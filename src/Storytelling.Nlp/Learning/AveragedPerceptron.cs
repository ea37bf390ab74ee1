using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Storytelling.Nlp.Learning;

/// <summary>
/// Multi-class averaged perceptron (Collins 2002) over hashed features. While training, each feature owns a
/// sparse row of (class, weight, running total, timestamp) so averaging is exact; <see cref="Average"/> replaces
/// the weights by their averages, drops near-zero ones and freezes them into an open-addressing table of
/// feature → contiguous (class, weight) entries. A frozen model is read-only and safe to share across threads.
/// Training is deterministic: the order of examples (and any shuffling seed) is the caller's.
/// </summary>
public sealed class AveragedPerceptron
{
    private readonly Dictionary<ulong, int>? rowOf;
    private readonly List<TrainingRow>? rows;
    private int instances;

    private Slot[] slots = [];
    private Entry[] entries = [];
    private int mask;

    public AveragedPerceptron(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, ushort.MaxValue);
        ClassCount = classCount;
        rowOf = [];
        rows = [];
    }

    private AveragedPerceptron(int classCount, bool frozen)
    {
        ClassCount = classCount;
        IsAveraged = frozen;
    }

    public int ClassCount { get; }

    /// <summary>True once <see cref="Average"/> ran (or the model was loaded): the weights are frozen.</summary>
    public bool IsAveraged { get; private set; }

    /// <summary>Number of features with at least one weight.</summary>
    public int FeatureCount => IsAveraged ? CountKeys() : rowOf!.Count;

    /// <summary>Number of stored (feature, class) weights.</summary>
    public long WeightCount
    {
        get
        {
            if (IsAveraged)
            {
                return entries.Length;
            }

            long n = 0;
            foreach (var row in rows!)
            {
                n += row.Count;
            }

            return n;
        }
    }

    /// <summary>Adds the weights of <paramref name="features"/> into <paramref name="scores"/> (cleared first).</summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        if (scores.Length < ClassCount)
        {
            throw new ArgumentException($"The scores span needs {ClassCount} elements.", nameof(scores));
        }

        scores = scores[..ClassCount];
        scores.Clear();
        if (IsAveraged)
        {
            ref Entry entryBase = ref MemoryMarshal.GetArrayDataReference(entries);
            foreach (ulong feature in features)
            {
                int slot = Find(feature);
                if (slot < 0)
                {
                    continue;
                }

                ref readonly Slot found = ref slots[slot];
                for (int e = found.Start; e < found.End; e++)
                {
                    ref Entry entry = ref Unsafe.Add(ref entryBase, e);
                    scores[entry.Class] += entry.Weight;
                }
            }

            return;
        }

        foreach (ulong feature in features)
        {
            if (rowOf!.TryGetValue(feature, out int index))
            {
                var row = rows![index];
                for (int e = 0; e < row.Count; e++)
                {
                    scores[row.Classes[e]] += row.Weights[e];
                }
            }
        }
    }

    /// <summary>Scores and returns the best class (lowest index on ties).</summary>
    public int Predict(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        Score(features, scores);
        return ArgMax(scores[..ClassCount]);
    }

    /// <summary>
    /// Counts one training example and, when <paramref name="guess"/> differs from <paramref name="truth"/>,
    /// moves the features' weights towards the truth. Call it for every example, right or wrong, so averaging is exact.
    /// </summary>
    public void Update(int truth, int guess, ReadOnlySpan<ulong> features)
    {
        if (IsAveraged)
        {
            throw new InvalidOperationException("The model is averaged (frozen); it can no longer be trained.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(truth);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(truth, ClassCount);
        ArgumentOutOfRangeException.ThrowIfNegative(guess);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(guess, ClassCount);
        instances++;
        if (truth == guess)
        {
            return;
        }

        foreach (ulong feature in features)
        {
            ref int index = ref CollectionsMarshal.GetValueRefOrAddDefault(rowOf!, feature, out bool exists);
            if (!exists)
            {
                index = rows!.Count;
                rows.Add(new TrainingRow());
            }

            var row = rows![index];
            row.Add((ushort)truth, 1f, instances);
            row.Add((ushort)guess, -1f, instances);
        }
    }

    /// <summary>
    /// Replaces every weight by its average over all examples seen (the mean of the weight vectors after each
    /// example: a value set while learning from example t counts for examples t..N), drops weights whose magnitude is below
    /// <paramref name="pruneBelow"/>, and freezes the model.
    /// </summary>
    public void Average(float pruneBelow = 0f)
    {
        if (IsAveraged)
        {
            return;
        }

        var kept = new List<(ulong Key, Entry[] Entries)>(rowOf!.Count);
        var buffer = new List<Entry>();
        foreach (var (feature, index) in rowOf)
        {
            var row = rows![index];
            buffer.Clear();
            for (int e = 0; e < row.Count; e++)
            {
                double total = row.Totals[e] + ((double)(instances - row.Stamps[e] + 1) * row.Weights[e]);
                float average = instances == 0 ? 0f : (float)(total / instances);
                if (average != 0f && MathF.Abs(average) >= pruneBelow)
                {
                    buffer.Add(new Entry(row.Classes[e], average));
                }
            }

            if (buffer.Count > 0)
            {
                buffer.Sort(static (a, b) => a.Class.CompareTo(b.Class));
                kept.Add((feature, [.. buffer]));
            }
        }

        rowOf.Clear();
        rows!.Clear();
        Freeze(kept);
    }

    /// <summary>Writes a frozen model: class count, then each feature's key and (class, weight) entries.</summary>
    public void Write(BinaryWriter writer, WeightPrecision precision = WeightPrecision.HalfPrecision)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!IsAveraged)
        {
            throw new InvalidOperationException("Average the model before writing it.");
        }

        writer.Write(ClassCount);
        writer.Write((byte)precision);
        writer.Write(CountKeys());
        foreach (var slot in slots)
        {
            if (slot.Key == 0)
            {
                continue;
            }

            writer.Write(slot.Key);
            int start = slot.Start, end = slot.End;
            writer.Write7BitEncodedInt(end - start);
            for (int e = start; e < end; e++)
            {
                if (ClassCount <= 256)
                {
                    writer.Write((byte)entries[e].Class);
                }
                else
                {
                    writer.Write(entries[e].Class);
                }

                if (precision == WeightPrecision.HalfPrecision)
                {
                    writer.Write((Half)entries[e].Weight);
                }
                else
                {
                    writer.Write(entries[e].Weight);
                }
            }
        }
    }

    /// <summary>Reads a model written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> on bad data.</summary>
    public static AveragedPerceptron Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int classCount = reader.ReadInt32();
        if (classCount is < 1 or > ushort.MaxValue)
        {
            throw new InvalidDataException($"Perceptron class count {classCount} is out of range.");
        }

        var precision = (WeightPrecision)reader.ReadByte();
        if (precision is not (WeightPrecision.HalfPrecision or WeightPrecision.FullPrecision))
        {
            throw new InvalidDataException($"Unknown weight precision {(byte)precision}.");
        }

        int featureCount = reader.ReadInt32();
        if (featureCount < 0)
        {
            throw new InvalidDataException($"Perceptron feature count {featureCount} is negative.");
        }

        var kept = new List<(ulong, Entry[])>(featureCount);
        for (int f = 0; f < featureCount; f++)
        {
            ulong key = reader.ReadUInt64();
            int count = reader.Read7BitEncodedInt();
            if (key == 0 || count <= 0 || count > classCount)
            {
                throw new InvalidDataException($"Perceptron feature {f} has a bad key or entry count {count}.");
            }

            var row = new Entry[count];
            for (int e = 0; e < count; e++)
            {
                ushort cls = classCount <= 256 ? reader.ReadByte() : reader.ReadUInt16();
                if (cls >= classCount)
                {
                    throw new InvalidDataException($"Perceptron class {cls} is out of range.");
                }

                float weight = precision == WeightPrecision.HalfPrecision ? (float)reader.ReadHalf() : reader.ReadSingle();
                row[e] = new Entry(cls, weight);
            }

            kept.Add((key, row));
        }

        var model = new AveragedPerceptron(classCount, frozen: true);
        model.Freeze(kept);
        return model;
    }

    /// <summary>Index of the largest score (lowest index on ties); vectorised.</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        if (scores.IsEmpty)
        {
            throw new ArgumentException("No scores.", nameof(scores));
        }

        float max = scores[0];
        int i = 0;
        if (Vector.IsHardwareAccelerated && scores.Length >= Vector<float>.Count)
        {
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(scores);
            var maxVector = vectors[0];
            for (int v = 1; v < vectors.Length; v++)
            {
                maxVector = Vector.Max(maxVector, vectors[v]);
            }

            for (int lane = 0; lane < Vector<float>.Count; lane++)
            {
                max = MathF.Max(max, maxVector[lane]);
            }

            i = vectors.Length * Vector<float>.Count;
        }

        for (; i < scores.Length; i++)
        {
            max = MathF.Max(max, scores[i]);
        }

        return scores.IndexOf(max);
    }

    private int CountKeys()
    {
        int n = 0;
        foreach (var slot in slots)
        {
            if (slot.Key != 0)
            {
                n++;
            }
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(ulong feature)
    {
        if (slots.Length == 0)
        {
            return -1;
        }

        int slot = (int)(feature & (uint)mask);
        while (true)
        {
            ulong key = slots[slot].Key;
            if (key == feature)
            {
                return slot;
            }

            if (key == 0)
            {
                return -1;
            }

            slot = (slot + 1) & mask;
        }
    }

    private void Freeze(List<(ulong Key, Entry[] Entries)> kept)
    {
        int capacity = 16;
        while (capacity < kept.Count * 2)
        {
            capacity <<= 1;
        }

        var newKeys = new ulong[capacity];
        var rowAt = new int[capacity];
        int newMask = capacity - 1;
        long entryCount = 0;
        for (int k = 0; k < kept.Count; k++)
        {
            ulong key = kept[k].Key;
            int slot = (int)(key & (uint)newMask);
            while (newKeys[slot] != 0)
            {
                if (newKeys[slot] == key)
                {
                    throw new InvalidDataException($"Feature {key:X16} appears twice.");
                }

                slot = (slot + 1) & newMask;
            }

            newKeys[slot] = key;
            rowAt[slot] = k;
            entryCount += kept[k].Entries.Length;
        }

        var newSlots = new Slot[capacity];
        var newEntries = new Entry[entryCount];
        int position = 0;
        for (int slot = 0; slot < capacity; slot++)
        {
            if (newKeys[slot] != 0)
            {
                var row = kept[rowAt[slot]].Entries;
                row.CopyTo(newEntries, position);
                newSlots[slot] = new Slot(newKeys[slot], position, position + row.Length);
                position += row.Length;
            }
        }

        slots = newSlots;
        entries = newEntries;
        mask = newMask;
        IsAveraged = true;
    }

    private readonly record struct Slot(ulong Key, int Start, int End);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Entry(ushort Class, float Weight);

    private sealed class TrainingRow
    {
        public ushort[] Classes = new ushort[2];
        public float[] Weights = new float[2];
        public double[] Totals = new double[2];
        public int[] Stamps = new int[2];
        public int Count;

        public void Add(ushort cls, float delta, int now)
        {
            int e = Array.IndexOf(Classes, cls, 0, Count);
            if (e < 0)
            {
                if (Count == Classes.Length)
                {
                    int size = Count * 2;
                    Array.Resize(ref Classes, size);
                    Array.Resize(ref Weights, size);
                    Array.Resize(ref Totals, size);
                    Array.Resize(ref Stamps, size);
                }

                e = Count++;
                Classes[e] = cls;
                Stamps[e] = now;
                Weights[e] = delta;
                return;
            }

            Totals[e] += (double)(now - Stamps[e]) * Weights[e];
            Stamps[e] = now;
            Weights[e] += delta;
        }
    }
}
