using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tagging;

namespace Storytelling.Nlp.Parsing.Internal;

/// <summary>
/// Gives the parser's training sentences the kind of tags it will see at run time: the training set is cut into
/// k interleaved folds and each fold is tagged by a <see cref="PosTagger"/> trained on the other k − 1
/// (jackknifing), so tag errors in training resemble tag errors on new text.
/// </summary>
internal static class JackknifeTagging
{
    public static List<TreebankSentence> Tag(
        IReadOnlyList<ConlluSentence> train,
        int folds,
        PosTaggerTrainingOptions options,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var tagged = new TreebankSentence[train.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var heldOut = new List<int>();
            var rest = new List<ConlluSentence>();
            for (var i = 0; i < train.Count; i++)
            {
                if (i % folds == fold)
                {
                    heldOut.Add(i);
                }
                else
                {
                    rest.Add(train[i]);
                }
            }

            var tagger = PosTaggerTrainer.Train(rest, options, TextWriter.Null, cancellationToken);
            var sentences = heldOut.Select(i => train[i]).ToList();
            var predicted = WithPredictedTags(tagger, sentences, cancellationToken);
            for (var k = 0; k < heldOut.Count; k++)
            {
                tagged[heldOut[k]] = predicted[k];
            }

            progress.WriteLine($"parser: jackknife fold {fold + 1}/{folds} tagged ({sentences.Count} sentences)");
        }

        return [.. tagged];
    }

    /// <summary>The sentences with gold trees and the tagger's UPOS/XPOS.</summary>
    public static List<TreebankSentence> WithPredictedTags(PosTagger tagger, IReadOnlyList<ConlluSentence> sentences, CancellationToken cancellationToken)
    {
        var document = Document.FromConllu(sentences, "jackknife");
        tagger.Process(document, cancellationToken);
        if (!document.Annotations.HasFlag(Annotations.Tags))
        {
            throw new InvalidOperationException("The tagger did not produce tags.");
        }

        var result = new List<TreebankSentence>(sentences.Count);
        var t = 0;
        foreach (var sentence in sentences)
        {
            var n = sentence.Words.Count;
            var xpos = new string[n + 1];
            var upos = new string[n + 1];
            xpos[0] = upos[0] = string.Empty;
            for (var i = 1; i <= n; i++, t++)
            {
                xpos[i] = document.Xpos[t];
                upos[i] = document.Upos[t];
            }

            result.Add(TreebankSentence.From(sentence).WithTags(xpos, upos));
        }

        return result;
    }
}
