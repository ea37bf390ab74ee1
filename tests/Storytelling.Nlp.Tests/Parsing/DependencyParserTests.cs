using Storytelling.Nlp.Models;
using Storytelling.Nlp.Parsing;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Tests.Parsing;

public sealed class DependencyParserTests(TinyParserFixture tiny) : IClassFixture<TinyParserFixture>
{
    private static readonly string[] Xpos = ["DT", "NN", "NNS", "VBD", "IN", "JJ", "NNP", ".", ",", "PRP", "CC", "RB", "VBZ", "CD"];
    private static readonly string[] Upos = ["DET", "NOUN", "NOUN", "VERB", "ADP", "ADJ", "PROPN", "PUNCT", "PUNCT", "PRON", "CCONJ", "ADV", "VERB", "NUM"];
    private static readonly string[] Words = ["the", "Mayor", "shelters", "visited", "on", "new", "Paris", ".", ",", "she", "and", "quickly", "works", "42", "x"];

    [Fact]
    public void Declares_what_it_requires_and_produces()
    {
        Assert.Equal("parser", tiny.Parser.Name);
        Assert.Equal(Annotations.Tokens | Annotations.Sentences | Annotations.Tags, tiny.Parser.Requires);
        Assert.Equal(Annotations.Dependencies, tiny.Parser.Produces);
        Assert.Equal("root", tiny.Parser.Relations[0]);
    }

    [Fact]
    public void Training_on_a_tiny_treebank_reproduces_its_trees()
    {
        var document = Document.FromConllu(TinyTreebank.Read(), "tiny", Annotations.Tags);
        var gold = Document.FromConllu(TinyTreebank.Read(), "gold", Annotations.Tags | Annotations.Dependencies);

        tiny.Parser.Process(document, CancellationToken.None);

        Assert.Equal(100.0, tiny.Result.DevScores["uas"]);
        Assert.Equal(gold.Heads.ToArray(), document.Heads.ToArray());
        Assert.True(document.Annotations.HasFlag(Annotations.Dependencies));
    }

    [Fact]
    public void Every_sentence_gets_a_single_rooted_tree_over_all_its_tokens()
    {
        var random = new Random(21);
        for (var trial = 0; trial < 200; trial++)
        {
            var document = RandomDocument(random, random.Next(1, 4));

            tiny.Parser.Process(document, CancellationToken.None);

            foreach (var sentence in document.Sentences)
            {
                var heads = new int[sentence.Count + 1];
                heads[0] = -1;
                document.Heads[sentence.Start..sentence.End].CopyTo(heads.AsSpan(1));
                Assert.True(RandomTrees.IsSingleRootedTree(heads), string.Join(' ', heads));
                for (var t = sentence.Start; t < sentence.End; t++)
                {
                    Assert.Equal(document.Heads[t] == 0, document.Relations[t] == "root");
                    Assert.Contains(document.Relations[t], tiny.Parser.Relations);
                }
            }
        }
    }

    [Fact]
    public void Parallel_parsing_gives_the_same_trees_as_serial_parsing()
    {
        var random = new Random(4);
        var documents = Enumerable.Range(0, 64).Select(_ => RandomDocument(random, 3)).ToArray();
        var copies = documents.Select(d => CopyOf(d)).ToArray();

        foreach (var document in documents)
        {
            tiny.Parser.Process(document, CancellationToken.None);
        }

        Parallel.ForEach(copies, new ParallelOptions { MaxDegreeOfParallelism = 4 }, d => tiny.Parser.Process(d, CancellationToken.None));

        for (var i = 0; i < documents.Length; i++)
        {
            Assert.Equal(documents[i].Heads.ToArray(), copies[i].Heads.ToArray());
            Assert.Equal(documents[i].Relations.ToArray(), copies[i].Relations.ToArray());
        }
    }

    [Fact]
    public void A_corrupt_model_file_fails_with_an_error_naming_the_file()
    {
        var path = Path.Combine(tiny.Directory, "corrupt.bin");
        var bytes = File.ReadAllBytes(tiny.Result.ModelPath);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelLoadException>(() => DependencyParser.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_file_fails_with_an_error_naming_the_file()
    {
        var path = Path.Combine(tiny.Directory, "missing", "model.bin");

        var error = Assert.Throws<ModelLoadException>(() => DependencyParser.Load(path));

        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Cancellation_stops_parsing()
    {
        var document = RandomDocument(new Random(1), 2);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => tiny.Parser.Process(document, cancelled.Token));
    }

    private static Document RandomDocument(Random random, int sentenceCount)
    {
        var text = new System.Text.StringBuilder();
        var tokens = new List<Token>();
        var sentences = new List<SentenceRange>();
        var tags = new List<int>();
        for (var s = 0; s < sentenceCount; s++)
        {
            var first = tokens.Count;
            var length = random.Next(1, 45);
            for (var i = 0; i < length; i++)
            {
                var word = Words[random.Next(Words.Length)];
                tokens.Add(new Token(text.Length, text.Length + word.Length));
                text.Append(word).Append(' ');
                tags.Add(random.Next(Xpos.Length));
            }

            sentences.Add(new SentenceRange(first, tokens.Count));
        }

        var document = new Document(text.ToString(), "random");
        document.SetTokens([.. tokens]);
        document.SetSentences([.. sentences]);
        for (var t = 0; t < tags.Count; t++)
        {
            document.Xpos[t] = Xpos[tags[t]];
            document.Upos[t] = Upos[tags[t]];
        }

        document.MarkProduced(Annotations.Tags);
        return document;
    }

    private static Document CopyOf(Document source)
    {
        var copy = new Document(source.Text, source.Id);
        copy.SetTokens(source.Tokens.ToArray());
        copy.SetSentences(source.Sentences.ToArray());
        source.Xpos.CopyTo(copy.Xpos);
        source.Upos.CopyTo(copy.Upos);
        copy.MarkProduced(Annotations.Tags);
        return copy;
    }
}
