using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    private const int KindMask = 0xFF;
    private const int OutOfLine = 0;
    private const int InlineOne = 1;
    private const int InlineTwo = 2;
    private const int Dense = 3;

    private Slot[] slots = [];
    private Entry[] entries = [];
    private float[] dense = [];
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
                long stored = entries.Length;
                foreach (var slot in slots)
                {
                    int kind = (int)slot.Payload & KindMask;
                    stored += slot.Key == 0 ? 0 : kind == Dense ? RowOf(slot).Length : kind;
                }

                return stored;
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
            ScoreFrozen(features, scores);
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
            var row = RowOf(slot);
            writer.Write7BitEncodedInt(row.Length);
            foreach (var entry in row)
            {
                if (ClassCount <= 256)
                {
                    writer.Write((byte)entry.Class);
                }
                else
                {
                    writer.Write(entry.Class);
                }

                if (precision == WeightPrecision.HalfPrecision)
                {
                    writer.Write((Half)entry.Weight);
                }
                else
                {
                    writer.Write(entry.Weight);
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

    /// <summary>
    /// The frozen scoring loop. The tables are far larger than the CPU caches, so nearly every feature costs a cache
    /// miss on its slot: a first pass reads the home slot of every feature (independent loads the CPU overlaps), the
    /// second adds the weights, in feature order, so the sums are the same as one pass would give.
    /// </summary>
    private void ScoreFrozen(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        if (slots.Length == 0)
        {
            return;
        }

        const int Chunk = 128;
        Span<Slot> home = stackalloc Slot[Math.Min(features.Length, Chunk)];
        ref Slot slotBase = ref MemoryMarshal.GetArrayDataReference(slots);
        ref Entry entryBase = ref MemoryMarshal.GetArrayDataReference(entries);
        ref float scoreBase = ref MemoryMarshal.GetReference(scores);
        for (int from = 0; from < features.Length; from += Chunk)
        {
            var chunk = features.Slice(from, Math.Min(Chunk, features.Length - from));
            for (int f = 0; f < chunk.Length; f++)
            {
                home[f] = Unsafe.Add(ref slotBase, (int)(chunk[f] & (uint)mask));
            }

            for (int f = 0; f < chunk.Length; f++)
            {
                ulong feature = chunk[f];
                Slot slot = home[f];
                if (slot.Key != feature)
                {
                    if (slot.Key == 0)
                    {
                        continue;
                    }

                    int probe = Find(feature);
                    if (probe < 0)
                    {
                        continue;
                    }

                    slot = Unsafe.Add(ref slotBase, probe);
                }

                ulong payload = slot.Payload;
                switch ((int)payload & KindMask)
                {
                    case InlineTwo:
                        Unsafe.Add(ref scoreBase, (int)(payload >> 8) & 0xFF) += InlineWeight(payload >> 16);
                        Unsafe.Add(ref scoreBase, (int)(payload >> 32) & 0xFF) += InlineWeight(payload >> 40);
                        break;
                    case InlineOne:
                        Unsafe.Add(ref scoreBase, (int)(payload >> 8) & 0xFF) += InlineWeight(payload >> 16);
                        break;
                    case Dense:
                        AddDense(scores, dense.AsSpan((int)(uint)(payload >> 8), scores.Length));
                        break;
                    default:
                        int start = (int)(uint)(payload >> 8);
                        int end = start + (int)(payload >> 40);
                        for (int e = start; e < end; e++)
                        {
                            ref Entry entry = ref Unsafe.Add(ref entryBase, e);
                            Unsafe.Add(ref scoreBase, entry.Class) += entry.Weight;
                        }

                        break;
                }
            }
        }
    }

    /// <summary>Adds a dense row: absent classes hold -0, which leaves every sum (even -0) exactly as it was.</summary>
    private static void AddDense(Span<float> scores, ReadOnlySpan<float> row)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float scoreBase = ref MemoryMarshal.GetReference(scores);
            ref float rowBase = ref MemoryMarshal.GetReference(row);
            for (; i + Vector256<float>.Count <= scores.Length; i += Vector256<float>.Count)
            {
                (Vector256.LoadUnsafe(ref scoreBase, (nuint)i) + Vector256.LoadUnsafe(ref rowBase, (nuint)i)).StoreUnsafe(ref scoreBase, (nuint)i);
            }
        }

        for (; i < scores.Length; i++)
        {
            scores[i] += row[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float InlineWeight(ulong bits) => (float)BitConverter.UInt16BitsToHalf((ushort)bits);

    /// <summary>The (class, weight) entries of an occupied slot, in class order.</summary>
    private static bool IsNegativeZero(float value) => BitConverter.SingleToInt32Bits(value) == int.MinValue;

    /// <summary>
    /// Whether a row is stored as a dense vector over all classes: when it covers at least a quarter of them (the
    /// vector is then at most twice its sparse size and is added with SIMD), and no weight is -0 (the filler).
    /// </summary>
    private bool IsDense(Entry[] row)
    {
        if (row.Length * 4 < ClassCount || row.Length < 8)
        {
            return false;
        }

        foreach (var entry in row)
        {
            if (IsNegativeZero(entry.Weight))
            {
                return false;
            }
        }

        return true;
    }

    private Entry[] RowOf(Slot slot)
    {
        ulong payload = slot.Payload;
        switch ((int)payload & KindMask)
        {
            case InlineTwo:
                return [new((ushort)((payload >> 8) & 0xFF), InlineWeight(payload >> 16)), new((ushort)((payload >> 32) & 0xFF), InlineWeight(payload >> 40))];
            case InlineOne:
                return [new((ushort)((payload >> 8) & 0xFF), InlineWeight(payload >> 16))];
            case Dense:
                var row = dense.AsSpan((int)(uint)(payload >> 8), ClassCount);
                var kept = new List<Entry>();
                for (int c = 0; c < row.Length; c++)
                {
                    if (!IsNegativeZero(row[c]))
                    {
                        kept.Add(new Entry((ushort)c, row[c]));
                    }
                }

                return [.. kept];
            default:
                int start = (int)(uint)(payload >> 8);
                return entries.AsSpan(start, (int)(payload >> 40)).ToArray();
        }
    }

    /// <summary>
    /// Whether a row can live in its slot: at most two entries, each with a class below 256 and a weight that a
    /// <see cref="Half"/> holds exactly (always so for models read from half-precision files).
    /// </summary>
    private static bool FitsInline(Entry[] row)
    {
        if (row.Length > 2)
        {
            return false;
        }

        foreach (var entry in row)
        {
            if (entry.Class > 0xFF || BitConverter.SingleToInt32Bits((float)(Half)entry.Weight) != BitConverter.SingleToInt32Bits(entry.Weight))
            {
                return false;
            }
        }

        return true;
    }

    private static ulong InlinePayload(Entry[] row)
    {
        ulong payload = row.Length == 2 ? InlineTwo : (ulong)InlineOne;
        for (int e = 0; e < row.Length; e++)
        {
            ulong bits = row[e].Class | ((ulong)BitConverter.HalfToUInt16Bits((Half)row[e].Weight) << 8);
            payload |= bits << (8 + (24 * e));
        }

        return payload;
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
        long entryCount = 0, denseCount = 0;
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
            if (IsDense(kept[k].Entries))
            {
                denseCount += ClassCount;
            }
            else if (!FitsInline(kept[k].Entries))
            {
                entryCount += kept[k].Entries.Length;
            }
        }

        if (entryCount > uint.MaxValue || denseCount > Array.MaxLength)
        {
            throw new InvalidDataException($"The model has {entryCount} sparse and {denseCount} dense weights; too many to hold.");
        }

        var newSlots = new Slot[capacity];
        var newEntries = new Entry[entryCount];
        var newDense = new float[denseCount];
        newDense.AsSpan().Fill(-0f);
        long position = 0;
        int densePosition = 0;
        for (int slot = 0; slot < capacity; slot++)
        {
            if (newKeys[slot] != 0)
            {
                var row = kept[rowAt[slot]].Entries;
                if (IsDense(row))
                {
                    foreach (var entry in row)
                    {
                        newDense[densePosition + entry.Class] = entry.Weight;
                    }

                    newSlots[slot] = new Slot(newKeys[slot], Dense | ((ulong)(uint)densePosition << 8));
                    densePosition += ClassCount;
                    continue;
                }

                if (FitsInline(row))
                {
                    newSlots[slot] = new Slot(newKeys[slot], InlinePayload(row));
                    continue;
                }

                row.CopyTo(newEntries, position);
                newSlots[slot] = new Slot(newKeys[slot], OutOfLine | ((ulong)position << 8) | ((ulong)row.Length << 40));
                position += row.Length;
            }
        }

        slots = newSlots;
        entries = newEntries;
        dense = newDense;
        mask = newMask;
        IsAveraged = true;
    }

    /// <summary>
    /// A feature's key and its row: the low byte of <see cref="Payload"/> says how the row is kept. Out of line, bits
    /// 8-39 are the first entry's index and bits 40-63 the entry count; inline, each entry takes 24 bits from bit 8
    /// (class byte, then the weight as <see cref="Half"/> bits), which saves a second cache miss per feature.
    /// </summary>
    private readonly record struct Slot(ulong Key, ulong Payload);

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
