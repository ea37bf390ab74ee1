using Storytelling.Nlp.Entities.Rules;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tokenization;

namespace Storytelling.Nlp.Tests.Entities;

public sealed class NumericEntityRulesTests
{
    private static string Find(string text)
    {
        var document = new Document(text, "rules");
        new NlpPipeline([new Tokenizer(), new SentenceSplitter()]).Process(document);
        return string.Join(" | ", NumericEntityRules.Find(document).Select(e => $"{e.Type} {text[e.Start..e.End]}"));
    }

    [Theory]
    [InlineData("It happened on 5 March 2024 in the port.", "DATE 5 March 2024")]
    [InlineData("We met on March 5, 2024 downtown.", "DATE March 5, 2024")]
    [InlineData("See you on March 5 then.", "DATE March 5")]
    [InlineData("The report was filed 2024-03-05.", "DATE 2024-03-05")]
    [InlineData("The form is dated 12/03/2024.", "DATE 12/03/2024")]
    [InlineData("The shop closes on Monday.", "DATE Monday")]
    [InlineData("Prices rose sharply last week.", "DATE last week")]
    [InlineData("Sales fell this year.", "DATE this year")]
    [InlineData("Music of the 1990s was loud.", "DATE the 1990s")]
    [InlineData("They moved in the late 1980s.", "DATE the late 1980s")]
    [InlineData("He left three years ago.", "DATE three years ago")]
    [InlineData("She was born in 1984.", "DATE 1984")]
    [InlineData("They arrived yesterday.", "DATE yesterday")]
    [InlineData("The vote is on the 5th of March.", "DATE the 5th of March")]
    [InlineData("It opens in May.", "DATE May")]
    [InlineData("May I help you?", "")]
    [InlineData("The meeting starts at 10:30.", "TIME 10:30")]
    [InlineData("The train leaves at 3 p.m. today.", "TIME 3 p.m. | DATE today")]
    [InlineData("Lunch is served at noon.", "TIME noon")]
    [InlineData("We leave at 7am sharp.", "TIME 7am")]
    [InlineData("The storm hit last night.", "TIME last night")]
    [InlineData("It starts at 9:15 GMT.", "TIME 9:15 GMT")]
    [InlineData("The plant cost $5.2 million.", "MONEY $5.2 million")]
    [InlineData("A deal worth 40 million euros was signed.", "MONEY 40 million euros")]
    [InlineData("Tickets cost €40 each.", "MONEY €40")]
    [InlineData("Profit was £3bn last year.", "MONEY £3bn | DATE last year")]
    [InlineData("He paid 300 US dollars.", "MONEY 300 US dollars")]
    [InlineData("Unemployment rose 6 percent.", "PERCENT 6 percent")]
    [InlineData("Inflation hit 3.5% in June.", "PERCENT 3.5% | DATE June")]
    [InlineData("Rates rose two percentage points.", "PERCENT two percentage points")]
    [InlineData("The town is 20 km away.", "QUANTITY 20 km")]
    [InlineData("The parcel weighs 5kg.", "QUANTITY 5kg")]
    [InlineData("It reached 25 degrees Celsius.", "QUANTITY 25 degrees Celsius")]
    [InlineData("The fire burned 300 square miles.", "QUANTITY 300 square miles")]
    [InlineData("She finished first.", "ORDINAL first")]
    [InlineData("It was his 21st birthday.", "ORDINAL 21st")]
    [InlineData("There were 1,200 protesters.", "CARDINAL 1,200")]
    [InlineData("Twenty-five people came.", "CARDINAL Twenty-five")]
    [InlineData("Two hundred and fifty people came.", "CARDINAL Two hundred and fifty")]
    [InlineData("One of the victims was 7.", "CARDINAL One | CARDINAL 7")]
    [InlineData("No one came.", "")]
    [InlineData("I want the one on the left.", "")]
    [InlineData("Officials said nothing.", "")]
    public void Rules_find_the_expected_spans(string text, string expected) => Assert.Equal(expected, Find(text));

    [Fact]
    public void Spans_never_cross_sentences()
    {
        Assert.Equal("CARDINAL 5 | CARDINAL 7", Find("He counted 5. 7 came later."));
    }
}
