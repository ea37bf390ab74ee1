using Storytelling.Nlp.Tagging.Internal;

namespace Storytelling.Nlp.Tests.Tagging;

public sealed class WordClassesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("wordnet-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private WordClasses Build()
    {
        File.WriteAllText(Path.Combine(directory, "index.noun"), "  1 This software and database is being provided\ndog n 7 5 @ ~ #m #p %p 7 1 02084071\nfly n 5 3 @ ~ %p 5 0 02190166\nice_cream n 1 2 @ ~ 1 0 07614500\n");
        File.WriteAllText(Path.Combine(directory, "index.verb"), "walk v 10 4 @ ~ $ > 10 5 01904930\nfly v 14 4 @ ~ * > 14 9 01940403\nmake v 49 5 @ ~ * > ^ 49 32 01617192\n");
        File.WriteAllText(Path.Combine(directory, "index.adj"), "happy a 4 4 ! & ^ = 4 3 01148283\n");
        File.WriteAllText(Path.Combine(directory, "index.adv"), "quickly r 2 2 \\ ^ 2 1 00084223\n");
        File.WriteAllText(Path.Combine(directory, "noun.exc"), "geese goose\n");
        File.WriteAllText(Path.Combine(directory, "verb.exc"), "flew fly\nflown fly\n");
        File.WriteAllText(Path.Combine(directory, "adj.exc"), "better good\n");
        return WordClasses.ReadWordNet(directory);
    }

    private static int Of(WordClasses classes, string word) => classes.Find(TaggerFeatures.LowerKey(word));

    [Fact]
    public void Lemmas_get_their_word_classes_whatever_their_case()
    {
        var classes = Build();

        Assert.Equal(WordClasses.Noun | WordClasses.Verb, Of(classes, "fly"));
        Assert.Equal(WordClasses.Noun, Of(classes, "Dog"));
        Assert.Equal(WordClasses.Adjective, Of(classes, "happy"));
        Assert.Equal(WordClasses.Adverb, Of(classes, "QUICKLY"));
        Assert.Equal(0, Of(classes, "the"));
    }

    [Fact]
    public void Regular_and_irregular_inflections_are_marked()
    {
        var classes = Build();

        Assert.Equal(WordClasses.Plural, Of(classes, "dogs"));
        Assert.Equal(WordClasses.Plural | WordClasses.VerbS, Of(classes, "flies"));
        Assert.Equal(WordClasses.VerbEd, Of(classes, "walked"));
        Assert.Equal(WordClasses.VerbIng, Of(classes, "making"));
        Assert.Equal(WordClasses.Comparative, Of(classes, "happiest"));
        Assert.Equal(WordClasses.Plural, Of(classes, "geese"));
        Assert.Equal(WordClasses.VerbEd, Of(classes, "flew"));
        Assert.Equal(WordClasses.Comparative, Of(classes, "better"));
    }

    [Fact]
    public void Multiword_lemmas_are_left_out_and_the_table_survives_a_round_trip()
    {
        var classes = Build();
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            classes.Write(writer);
        }

        stream.Position = 0;
        var read = WordClasses.Read(new BinaryReader(stream));

        Assert.Equal(0, Of(read, "ice_cream"));
        Assert.Equal(classes.Count, read.Count);
        Assert.Equal(WordClasses.VerbIng, Of(read, "making"));
    }
}
