namespace Storytelling.Nlp.Entities.Internal;

/// <summary>
/// The hand-written name lists embedded in this assembly (<c>Entities/Resources/name-lists.txt</c>): places,
/// nationalities, well-known organisations, given names, titles, and the words that end organisation and place
/// names. Added to the external gazetteer when training; the model file keeps the result.
/// </summary>
internal static class NameLists
{
    private const string ResourceName = "Storytelling.Nlp.Entities.name-lists.txt";

    /// <summary>Adds every listed name to <paramref name="gazetteer"/>; returns the number of names added.</summary>
    public static int AddTo(Gazetteer gazetteer)
    {
        using var stream = typeof(NameLists).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from {typeof(NameLists).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        ushort? bit = null;
        int lineNumber = 0, count = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                bit = line switch
                {
                    "[place]" => GazetteerSource.Place,
                    "[nationality]" => GazetteerSource.Nationality,
                    "[organisation]" => GazetteerSource.Organization,
                    "[given]" => GazetteerSource.GivenName,
                    "[title]" => GazetteerSource.Title,
                    "[organisation-word]" => GazetteerSource.OrganizationWord,
                    "[place-word]" => GazetteerSource.PlaceWord,
                    _ => throw new InvalidDataException($"{ResourceName}:{lineNumber}: unknown list '{line}'."),
                };
                continue;
            }

            gazetteer.Add(line, bit ?? throw new InvalidDataException($"{ResourceName}:{lineNumber}: a name before the first [list] header."));
            count++;
        }

        return count;
    }
}
