namespace Storytelling.Observability.Tests;

/// <summary>Files of this repository (the deploy/ examples the tests check), found from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative)
    {
        var path = Path.Combine(Root, relative);
        Assert.True(File.Exists(path), $"{relative} is missing from the repository at {Root}");
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
