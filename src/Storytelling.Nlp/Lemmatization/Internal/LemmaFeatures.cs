using Storytelling.Nlp.Features;

namespace Storytelling.Nlp.Lemmatization.Internal;

/// <summary>Features of the edit-script classifier: the tags, lower-cased suffixes 1-5 alone and with the XPOS, shape cues.</summary>
internal static class LemmaFeatures
{
    public const int MaxFeatures = 24;

    public static int Extract(ReadOnlySpan<char> form, string upos, string xpos, Span<ulong> features)
    {
        int n = 0;
        ulong xposHash = FeatureHasher.Hash(1, xpos);
        features[n++] = FeatureHasher.Hash(0);
        features[n++] = xposHash;
        features[n++] = FeatureHasher.Hash(2, upos);
        for (int k = 1; k <= 5 && k <= form.Length; k++)
        {
            ulong suffix = FeatureHasher.HashLower(10 + k, form[^k..]);
            features[n++] = suffix;
            features[n++] = FeatureHasher.Hash(20 + k, suffix, xposHash);
        }

        features[n++] = FeatureHasher.Hash(3, form.Length > 12 ? 12 : form.Length);
        features[n++] = FeatureHasher.Hash(4, char.IsUpper(form[0]) ? 1 : 0, form.ContainsAnyInRange('A', 'Z') && !form.ContainsAnyInRange('a', 'z') ? 1 : 0);
        features[n++] = FeatureHasher.Hash(5, form.ContainsAnyInRange('0', '9') ? 1 : 0, xposHash.GetHashCode());
        features[n++] = FeatureHasher.HashLower(6, form);
        return n;
    }
}
