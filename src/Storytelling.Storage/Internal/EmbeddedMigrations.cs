using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Storytelling.Storage.Internal;

/// <summary>Finds the <c>NNNN_name.sql</c> resources directly under a resource prefix, ordered by version.</summary>
internal static partial class EmbeddedMigrations
{
    public static IReadOnlyList<MigrationScript> Load(Assembly assembly, string resourcePrefix)
    {
        var prefix = resourcePrefix.EndsWith('.') ? resourcePrefix : resourcePrefix + ".";
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal)
                || !resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var fileName = resource[prefix.Length..];
            if (fileName[..^".sql".Length].Contains('.'))
            {
                continue; // in a folder below the prefix: another set of migrations
            }

            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Embedded migration {resource} in {assembly.GetName().Name} is not named NNNN_name.sql " +
                    "(four digits, an underscore, then letters, digits or underscores).");
            }

            var sql = Read(assembly, resource);
            scripts.Add(new MigrationScript(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                fileName,
                sql,
                Checksum(sql)));
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException(
                $"No migrations (NNNN_name.sql) are embedded in {assembly.GetName().Name} under the resource prefix " +
                $"'{prefix}'. Check the prefix (root namespace + folder path) and that the project embeds the files " +
                "(<EmbeddedResource Include=\"Migrations/**/*.sql\" />).");
        }

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Migrations {string.Join(" and ", duplicate.Select(s => s.FileName))} under '{prefix}' share version " +
                $"{duplicate.Key:D4}; give each migration its own number.");
        }

        return [.. scripts.OrderBy(s => s.Version)];
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} could not be opened.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        // Line endings follow the checkout (git autocrlf), not the content: normalise before hashing.
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));

    [GeneratedRegex(@"^(?<version>[0-9]{4})_(?<name>[A-Za-z0-9_]+)\.sql$", RegexOptions.IgnoreCase)]
    private static partial Regex FileNamePattern();
}
