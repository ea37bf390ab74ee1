namespace Storytelling.Nlp.Lemmatization.Internal;

/// <summary>
/// How to turn a form into its lemma: strip <see cref="Strip"/> characters from the end, append
/// <see cref="Append"/>, and optionally lower-case the result (UDPipe-style lemma classes).
/// </summary>
internal readonly record struct EditScript(int Strip, string Append, bool Lower)
{
    public bool AppliesTo(ReadOnlySpan<char> form) => Strip <= form.Length && (Strip < form.Length || Append.Length > 0);

    public string Apply(ReadOnlySpan<char> form)
    {
        string result = string.Concat(form[..(form.Length - Strip)], Append);
        return Lower ? result.ToLowerInvariant() : result;
    }

    /// <summary>The shortest script from <paramref name="form"/> to <paramref name="lemma"/>, keeping case when possible.</summary>
    public static EditScript Between(string form, string lemma)
    {
        int keep = CommonPrefix(form, lemma);
        var keepCase = new EditScript(form.Length - keep, lemma[keep..], false);
        string lowerForm = form.ToLowerInvariant();
        if (string.Equals(lowerForm, form, StringComparison.Ordinal) || !lemma.AsSpan().SequenceEqual(lemma.ToLowerInvariant()))
        {
            return keepCase;
        }

        int keepLower = CommonPrefix(lowerForm, lemma);
        var lowered = new EditScript(form.Length - keepLower, lemma[keepLower..], true);
        return lowered.Append.Length < keepCase.Append.Length || (lowered.Append.Length == keepCase.Append.Length && lowered.Strip < keepCase.Strip)
            ? lowered
            : keepCase;
    }

    private static int CommonPrefix(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        int i = 0;
        while (i < n && a[i] == b[i])
        {
            i++;
        }

        return i;
    }
}
