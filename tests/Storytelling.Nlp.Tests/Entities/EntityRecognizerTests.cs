using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Entities;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tokenization;

namespace Storytelling.Nlp.Tests.Entities;

public sealed class EntityRecognizerTests
{
    private static readonly Lazy<NlpPipeline> Committed = new(() =>
        NlpPipeline.Create(["tokenizer", "sentences", "tagger", EntityRecognizer.ComponentName], NlpComponentRegistry.CreateDefault(), new ModelStore(TestData.ModelsDirectory())));

    private static Document Analyze(string text)
    {
        var document = new Document(text, "test");
        Committed.Value.Process(document);
        return document;
    }

    private static string[] Entities(Document document) => [.. document.Entities.Select(e => $"{e.Type} {document.Text[e.Start..e.End]}")];

    [Fact]
    public void The_committed_model_finds_people_places_organizations_and_numbers()
    {
        var document = Analyze("Tomas Reinholt works for Kessler Steel Inc. in Port Avel, near Paris, and hired 40 workers on Monday.");
        var found = Entities(document);
        Assert.Contains("PER Tomas Reinholt", found);
        Assert.Contains("ORG Kessler Steel Inc.", found);
        Assert.Contains("LOC Paris", found);
        Assert.Contains("LOC Port Avel", found);
        Assert.Contains("DATE Monday", found);
        Assert.Contains("CARDINAL 40", found);
        Assert.True(document.Annotations.HasFlag(Annotations.Entities));
        Assert.All(document.Entities, e => Assert.InRange(e.Confidence, 0f, 1f));
    }

    [Fact]
    public void Countries_states_and_names_ending_in_organisation_words_get_their_types()
    {
        var found = Entities(Analyze("We flew from Fiji to Kerala last year. Mr. Halvorsen joined Brenner Logistics Corp. after ten years at the University of Tromso."));
        Assert.Contains("LOC Fiji", found);
        Assert.Contains("LOC Kerala", found);
        Assert.Contains("ORG Brenner Logistics Corp.", found);
        Assert.Contains("ORG University of Tromso", found);
    }

    [Fact]
    public void A_saved_recognizer_loads_and_recognizes_the_same()
    {
        var recognizer = EntityRecognizerTrainerTests.TrainTiny();
        string path = Path.Combine(Directory.CreateTempSubdirectory("ner-test").FullName, "model.bin");
        try
        {
            recognizer.Save(path);
            var loaded = EntityRecognizer.Load(path);
            var sentences = EntityRecognizerTrainerTests.TinySentences();
            var a = Iob2Documents.ToDocument(sentences, "a");
            var b = Iob2Documents.ToDocument(sentences, "b");
            new NlpPipeline([new EntityRecognizerTrainerTests.ConstantTagger(), recognizer], Annotations.Tokens | Annotations.Sentences).Process(a);
            new NlpPipeline([new EntityRecognizerTrainerTests.ConstantTagger(), loaded], Annotations.Tokens | Annotations.Sentences).Process(b);
            Assert.Equal(a.Entities.Select(e => (e.StartToken, e.EndToken, e.Type)), b.Entities.Select(e => (e.StartToken, e.EndToken, e.Type)));
            Assert.NotEmpty(a.Entities);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Recognizing_documents_in_parallel_equals_recognizing_them_serially()
    {
        string[] texts = [.. Enumerable.Range(0, 48).Select(i =>
            $"Mayor Anna Berg of Oslo met {i} officials from the United Nations on Tuesday. Kessler Steel said prices rose {i}% in Germany last year.")];
        var serial = texts.Select(t => Entities(Analyze(t))).ToList();
        var parallel = new string[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Entities(Analyze(texts[i])));
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.Equal(serial[i], parallel[i]);
        }
    }

    [Fact]
    public void A_corrupt_model_file_fails_with_its_name()
    {
        string directory = Directory.CreateTempSubdirectory("ner-corrupt").FullName;
        string path = Path.Combine(directory, "model.bin");
        try
        {
            EntityRecognizerTrainerTests.TrainTiny().Save(path);
            var bytes = File.ReadAllBytes(path);
            bytes[bytes.Length / 2] ^= 0x21;
            File.WriteAllBytes(path, bytes);
            var error = Assert.Throws<ModelLoadException>(() => EntityRecognizer.Load(path));
            Assert.Equal(path, error.FilePath);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_missing_model_file_fails_with_its_name()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-ner", "model.bin");
        var error = Assert.Throws<ModelLoadException>(() => EntityRecognizer.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_recognizer_needs_tags_before_it()
    {
        var recognizer = EntityRecognizerTrainerTests.TrainTiny();
        Assert.Throws<PipelineConfigurationException>(() => new NlpPipeline([new Tokenizer(), new SentenceSplitter(), recognizer]));
    }
}
