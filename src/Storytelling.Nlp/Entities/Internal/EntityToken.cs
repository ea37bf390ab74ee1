namespace Storytelling.Nlp.Entities.Internal;

/// <summary>Per-token values computed once per sentence and shared by the features of neighbouring tokens.</summary>
internal struct EntityToken
{
    public ulong Lower;
    public ulong Shape;
    public ulong ShortShape;
    public ulong Upos;
    public ulong Xpos;
    public ushort GazB;
    public ushort GazI;
    public ushort GazL;
    public ushort GazU;
    public byte Case;
    public short RunFirst;
    public short RunLast;

    public readonly ushort GazAny => (ushort)(GazB | GazI | GazL | GazU);
}
