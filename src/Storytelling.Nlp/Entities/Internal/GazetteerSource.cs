namespace Storytelling.Nlp.Entities.Internal;

/// <summary>Source bits of gazetteer entries (which list, which type).</summary>
internal static class GazetteerSource
{
    public const ushort GeoNamesLocation = 1 << 0;
    public const ushort PatternPerson = 1 << 1;
    public const ushort PatternOrganization = 1 << 2;
    public const ushort PatternLocation = 1 << 3;
    public const ushort PatternOther = 1 << 4;

    /// <summary>The hand-written name lists (<see cref="NameLists"/>).</summary>
    public const ushort Place = 1 << 8;
    public const ushort Nationality = 1 << 9;
    public const ushort Organization = 1 << 10;
    public const ushort GivenName = 1 << 11;
    public const ushort Title = 1 << 12;
    public const ushort OrganizationWord = 1 << 13;
    public const ushort PlaceWord = 1 << 14;

    /// <summary>Names seen in the training data with entity type <paramref name="type"/> (bits 5 to 7; types after the third share bit 7).</summary>
    public static ushort Training(int type) => (ushort)(1 << (5 + Math.Min(type, 2)));

    public const int BitCount = 15;
}
