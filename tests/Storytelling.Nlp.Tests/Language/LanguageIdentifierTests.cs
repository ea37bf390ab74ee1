using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;

namespace Storytelling.Nlp.Tests.Language;

public sealed class LanguageIdentifierTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("langid-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly Dictionary<string, List<string>> Tiny = new(StringComparer.Ordinal)
    {
        ["en"] = ["the mayor visited the shelters on monday", "workers went on strike over their pay", "the ferry resumed service this week"],
        ["de"] = ["der bürgermeister besuchte am montag die notunterkünfte", "die arbeiter streikten wegen ihres lohns", "die fähre fährt diese woche wieder"],
        ["fr"] = ["le maire a visité les abris lundi", "les ouvriers se sont mis en grève pour leur salaire", "le ferry a repris son service cette semaine"],
    };

    [Fact]
    public void Training_on_tiny_data_tells_the_languages_apart()
    {
        var identifier = LanguageIdentifierTrainer.Train(Tiny);

        Assert.Equal("en", identifier.Identify("the workers visited the mayor").Language);
        Assert.Equal("de", identifier.Identify("die arbeiter besuchten den bürgermeister").Language);
        Assert.Equal("fr", identifier.Identify("les ouvriers ont visité le maire").Language);
    }

    [Fact]
    public void Text_without_letters_is_undetermined()
    {
        var identifier = LanguageIdentifierTrainer.Train(Tiny);

        Assert.Equal(LanguageIdentifier.Undetermined, identifier.Identify("12:30 -- 45 %").Language);
        Assert.Equal(LanguageIdentifier.Undetermined, identifier.Identify("").Language);
    }

    [Fact]
    public void Confidence_is_a_probability_and_higher_for_clear_text()
    {
        var identifier = LanguageIdentifierTrainer.Train(Tiny);

        var clear = identifier.Identify("die arbeiter streikten wegen ihres lohns und die fähre fährt wieder");
        var vague = identifier.Identify("ok");

        Assert.InRange(clear.Confidence, 0.0, 1.0);
        Assert.True(clear.Confidence > vague.Confidence);
    }

    [Fact]
    public void Held_out_split_never_overlaps_training()
    {
        var sentences = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["en"] = [.. Enumerable.Range(0, 25).Select(i => $"sentence number {i}")],
        };

        var (train, heldOut) = LanguageIdentifierTrainer.Split(sentences, heldOutEvery: 5);

        Assert.Equal(20, train["en"].Count);
        Assert.Equal(5, heldOut["en"].Count);
        Assert.Empty(train["en"].Intersect(heldOut["en"]));
    }

    [Fact]
    public void Saved_model_loads_and_answers_the_same()
    {
        var identifier = LanguageIdentifierTrainer.Train(Tiny);
        var path = Path.Combine(_directory, "model.bin");

        identifier.Save(path);
        var loaded = LanguageIdentifier.Load(path);

        foreach (var text in new[] { "the ferry", "die fähre", "le ferry a repris" })
        {
            Assert.Equal(identifier.Identify(text).Language, loaded.Identify(text).Language);
        }
    }

    [Fact]
    public void Corrupt_model_file_fails_naming_the_file()
    {
        var path = Path.Combine(_directory, "model.bin");
        LanguageIdentifierTrainer.Train(Tiny).Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelLoadException>(() => LanguageIdentifier.Load(path));

        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("The city council approved the new budget for schools and hospitals on Tuesday evening.", "en")]
    [InlineData("Der Stadtrat hat am Dienstagabend den neuen Haushalt für Schulen und Krankenhäuser beschlossen.", "de")]
    [InlineData("Le conseil municipal a approuvé mardi soir le nouveau budget pour les écoles et les hôpitaux.", "fr")]
    [InlineData("El ayuntamiento aprobó el martes por la noche el nuevo presupuesto para escuelas y hospitales.", "es")]
    [InlineData("Городской совет во вторник вечером утвердил новый бюджет для школ и больниц.", "ru")]
    [InlineData("De gemeenteraad keurde dinsdagavond de nieuwe begroting voor scholen en ziekenhuizen goed.", "nl")]
    [InlineData("市議会は火曜日の夜、学校と病院のための新しい予算を承認した。", "ja")]
    public void Committed_model_identifies_news_sentences(string text, string language)
    {
        var identifier = new ModelStore().Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load);

        Assert.Equal(language, identifier.Identify(text).Language);
    }
}
