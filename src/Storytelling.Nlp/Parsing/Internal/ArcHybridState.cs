namespace Storytelling.Nlp.Parsing.Internal;

/// <summary>
/// A configuration of the arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez and Satta 2011) over words
/// 1..n, with the artificial root 0 at the bottom of the stack. SHIFT pushes the first buffer word; LEFT-ARC
/// makes the first buffer word the head of the stack top and pops it; RIGHT-ARC makes the second stack item the
/// head of the stack top and pops it. RIGHT-ARC onto the root is only allowed once the buffer is empty, so every
/// complete transition sequence yields a single-rooted tree that covers all words. It also keeps, per word, what
/// the features read: the two leftmost and rightmost dependents, the number of dependents on each side and the
/// set of their labels. Reused across sentences; not thread-safe.
/// </summary>
internal sealed class ArcHybridState
{
    public const int Root = 0;
    public const int None = -1;

    private int[] stack = new int[64];
    private int stackCount;
    private int buffer;

    public ArcHybridState(int capacity = 64) => Grow(capacity);

    public int WordCount { get; private set; }

    public int[] Heads { get; private set; } = [];

    public int[] Labels { get; private set; } = [];

    public int[] Leftmost { get; private set; } = [];

    public int[] SecondLeftmost { get; private set; } = [];

    public int[] Rightmost { get; private set; } = [];

    public int[] SecondRightmost { get; private set; } = [];

    public int[] LeftCount { get; private set; } = [];

    public int[] RightCount { get; private set; } = [];

    public ulong[] LeftLabelSet { get; private set; } = [];

    public ulong[] RightLabelSet { get; private set; } = [];

    public int StackCount => stackCount;

    /// <summary>The first word still in the buffer, or n + 1 when the buffer is empty.</summary>
    public int BufferFront => buffer;

    public bool BufferEmpty => buffer > WordCount;

    public bool IsTerminal => BufferEmpty && stackCount == 1;

    public bool CanShift => !BufferEmpty;

    public bool CanLeft => !BufferEmpty && stackCount > 1;

    public bool CanRight => stackCount > 2 || (stackCount == 2 && BufferEmpty);

    /// <summary>Whether RIGHT-ARC would attach the stack top to the artificial root.</summary>
    public bool RightAttachesToRoot => stackCount == 2;

    public void Reset(int wordCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wordCount);
        if (wordCount + 1 > Heads.Length)
        {
            Grow(Math.Max(wordCount + 1, Heads.Length * 2));
        }

        WordCount = wordCount;
        var size = wordCount + 1;
        Heads.AsSpan(0, size).Fill(None);
        Labels.AsSpan(0, size).Fill(None);
        Leftmost.AsSpan(0, size).Fill(None);
        SecondLeftmost.AsSpan(0, size).Fill(None);
        Rightmost.AsSpan(0, size).Fill(None);
        SecondRightmost.AsSpan(0, size).Fill(None);
        LeftCount.AsSpan(0, size).Clear();
        RightCount.AsSpan(0, size).Clear();
        LeftLabelSet.AsSpan(0, size).Clear();
        RightLabelSet.AsSpan(0, size).Clear();
        stack[0] = Root;
        stackCount = 1;
        buffer = 1;
    }

    /// <summary>The stack item at <paramref name="depth"/> (0 = top), or <see cref="None"/>.</summary>
    public int Stack(int depth) => depth < stackCount ? stack[stackCount - 1 - depth] : None;

    /// <summary>The buffer word at <paramref name="offset"/> (0 = front), or <see cref="None"/>.</summary>
    public int Buffer(int offset) => buffer + offset <= WordCount ? buffer + offset : None;

    public bool IsOnStack(int word)
    {
        for (var i = 0; i < stackCount; i++)
        {
            if (stack[i] == word)
            {
                return true;
            }
        }

        return false;
    }

    public void Shift()
    {
        if (stackCount == stack.Length)
        {
            Array.Resize(ref stack, stack.Length * 2);
        }

        stack[stackCount++] = buffer++;
    }

    public void Left(int label)
    {
        var dependent = stack[--stackCount];
        AddArc(buffer, dependent, label);
    }

    public void Right(int label)
    {
        var dependent = stack[--stackCount];
        AddArc(stack[stackCount - 1], dependent, label);
    }

    private void AddArc(int head, int dependent, int label)
    {
        Heads[dependent] = head;
        Labels[dependent] = label;
        var bit = 1UL << (label & 63);
        if (dependent < head)
        {
            LeftCount[head]++;
            LeftLabelSet[head] |= bit;
            if (Leftmost[head] == None || dependent < Leftmost[head])
            {
                SecondLeftmost[head] = Leftmost[head];
                Leftmost[head] = dependent;
            }
            else if (SecondLeftmost[head] == None || dependent < SecondLeftmost[head])
            {
                SecondLeftmost[head] = dependent;
            }
        }
        else
        {
            RightCount[head]++;
            RightLabelSet[head] |= bit;
            if (dependent > Rightmost[head])
            {
                SecondRightmost[head] = Rightmost[head];
                Rightmost[head] = dependent;
            }
            else if (dependent > SecondRightmost[head])
            {
                SecondRightmost[head] = dependent;
            }
        }
    }

    private void Grow(int size)
    {
        Heads = new int[size];
        Labels = new int[size];
        Leftmost = new int[size];
        SecondLeftmost = new int[size];
        Rightmost = new int[size];
        SecondRightmost = new int[size];
        LeftCount = new int[size];
        RightCount = new int[size];
        LeftLabelSet = new ulong[size];
        RightLabelSet = new ulong[size];
        if (stack.Length < size)
        {
            stack = new int[size];
        }
    }
}
