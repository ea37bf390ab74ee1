namespace Storytelling.Nlp.Entities.Internal;

/// <summary>Source bits of gazetteer entries (which list, which type).</summary>
internal static class GazetteerSource
{
    public const ushort GeoNamesLocation = 1 << 0;
    public const ushort PatternPerson = 1 << 1;
    public const ushort PatternOrganization = 1 << 2;
    public const ushort PatternLocation = 1 << 3;
    public const ushort PatternOther = 1 << 4;

    /// <summary>Names seen in the training data with entity type <paramref name="type"/> (bits 5 and up).</summary>
    public static ushort Training(int type) => (ushort)(1 << (5 + Math.Min(type, 9)));

    public const int BitCount = 15;
}
