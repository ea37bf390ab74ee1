using System.Collections.Frozen;
using Storytelling.Nlp.Learning;
using Storytelling.Nlp.Models;

namespace Storytelling.Nlp.Parsing.Internal;

/// <summary>
/// What a trained parser consists of: the relation labels (index 0 is <c>root</c>), the vocabulary of words
/// frequent enough to be features on their own, and the perceptron over labeled arc-hybrid transitions.
/// Read-only once built, so one instance serves all threads.
/// </summary>
internal sealed class ParserModel
{
    public ParserModel(string[] labels, IReadOnlySet<ulong> vocabulary, AveragedPerceptron perceptron)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(perceptron);
        if (labels.Length == 0 || labels[0] != "root")
        {
            throw new ArgumentException("The first label must be 'root'.", nameof(labels));
        }

        Labels = labels;
        Vocabulary = vocabulary;
        Perceptron = perceptron;
        Transitions = new TransitionSet(labels.Length);
        if (perceptron.ClassCount != Transitions.Count)
        {
            throw new ArgumentException(
                $"The perceptron has {perceptron.ClassCount} classes; {labels.Length} labels need {Transitions.Count}.",
                nameof(perceptron));
        }
    }

    public string[] Labels { get; }

    public IReadOnlySet<ulong> Vocabulary { get; }

    public AveragedPerceptron Perceptron { get; }

    public TransitionSet Transitions { get; }

    public ParserSentence CreateScratch() => new(Transitions.Count);

    /// <summary>
    /// Parses the words set on <paramref name="sentence"/> greedily; the tree is left in its state. Forced moves
    /// (SHIFT onto an empty stack, the final RIGHT-ARC onto the root) are taken without scoring.
    /// </summary>
    public void Parse(ParserSentence sentence)
    {
        var state = sentence.State;
        state.Reset(sentence.WordCount);
        var features = sentence.Features.AsSpan();
        var scores = sentence.Scores.AsSpan();
        while (!state.IsTerminal)
        {
            if (state.StackCount == 1)
            {
                state.Shift();
                continue;
            }

            if (state.BufferEmpty && state.StackCount == 2)
            {
                state.Right(TransitionSet.RootLabel);
                continue;
            }

            var count = ParserFeatures.Extract(sentence, features);
            Perceptron.Score(features[..count], scores);
            Transitions.Apply(state, Transitions.BestValid(state, scores));
        }
    }

    /// <summary>Writes the model file (component <c>parser</c>) with <paramref name="metadata"/>.</summary>
    public void Save(string path, IReadOnlyDictionary<string, string> metadata) =>
        ModelWriter.Write(path, DependencyParser.ComponentName, metadata, writer =>
        {
            writer.Write(Labels.Length);
            foreach (var label in Labels)
            {
                writer.Write(label);
            }

            var words = Vocabulary.Order().ToArray();
            writer.Write(words.Length);
            foreach (var word in words)
            {
                writer.Write(word);
            }

            Perceptron.Write(writer, WeightPrecision.HalfPrecision);
        });

    /// <summary>Loads a model file; a missing or corrupt file is a <see cref="ModelLoadException"/> naming it.</summary>
    public static ParserModel Load(string path) =>
        ModelReader.Load(path, DependencyParser.ComponentName, static (file, reader) =>
        {
            var labelCount = reader.ReadInt32();
            if (labelCount is < 1 or > 64)
            {
                throw new InvalidDataException($"label count {labelCount} is out of range 1-64.");
            }

            var labels = new string[labelCount];
            for (var i = 0; i < labelCount; i++)
            {
                labels[i] = reader.ReadString();
            }

            var wordCount = reader.ReadInt32();
            if (wordCount < 0)
            {
                throw new InvalidDataException($"vocabulary size {wordCount} is negative.");
            }

            var vocabulary = new HashSet<ulong>(wordCount);
            for (var i = 0; i < wordCount; i++)
            {
                vocabulary.Add(reader.ReadUInt64());
            }

            var perceptron = AveragedPerceptron.Read(reader);
            return new ParserModel(labels, vocabulary.ToFrozenSet(), perceptron);
        });
}
