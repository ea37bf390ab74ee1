namespace Storytelling.Testing;

/// <summary>Files of this repository (docs, deploy/ examples, config/) that tests check, found from the test's output folder.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The absolute path of <paramref name="relative"/>; fails the test when the file is missing.</summary>
    public static string PathOf(string relative)
    {
        var path = Path.Combine(Root, relative);
        Xunit.Assert.True(File.Exists(path), $"{relative} is missing from the repository at {Root}");
        return path;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Storytelling.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Storytelling.slnx above {AppContext.BaseDirectory}: run the tests from a checkout of the repository");
    }
}
