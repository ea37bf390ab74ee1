namespace Storytelling.Nlp.Training;

/// <summary>Finds the lexicons next to the treebank (…/data/ud-english-ewt/x.conllu → …/data/lexicons).</summary>
public static class TrainingData
{
    /// <summary>The <c>lexicons</c> directory beside the train file's directory, or null.</summary>
    public static string? LexiconsDirectory(string trainFile)
    {
        ArgumentNullException.ThrowIfNull(trainFile);
        string? treebank = Path.GetDirectoryName(Path.GetFullPath(trainFile));
        string? data = treebank is null ? null : Path.GetDirectoryName(treebank);
        string? lexicons = data is null ? null : Path.Combine(data, "lexicons");
        return lexicons != null && Directory.Exists(lexicons) ? lexicons : null;
    }
}
