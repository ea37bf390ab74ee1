using System.Text.Json;

namespace Storytelling.Cli.Tests.Commands;

public sealed class StoriesCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("stories-eval-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly (string Id, string Title, string Body)[] Articles =
    [
        ("a1", "Earthquake kills 12 in southern Chile", "A strong earthquake struck Concepcion in southern Chile on Tuesday and killed 12 people, officials in Santiago said."),
        ("a2", "Chile earthquake toll reaches 12", "The earthquake that struck Concepcion in Chile on Tuesday killed 12 people, rescuers in Concepcion said."),
        ("a3", "Rail workers strike in France", "Rail workers in France walked out on Monday over pensions, halting trains across Paris and Lyon."),
    ];

    private (string Articles, string Gold) Write(string a3Subtopic)
    {
        string articles = Path.Combine(directory, "articles.jsonl");
        string gold = Path.Combine(directory, "gold.jsonl");
        File.WriteAllLines(articles, Articles.Select(a => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = a.Id,
            ["title"] = a.Title,
            ["content"] = a.Title + "\n\n" + a.Body,
            ["published_at"] = null,
        })));
        var chains = new Dictionary<string, string?> { ["earthquake"] = "QUAKE", ["struck"] = "STRIKE", ["killed"] = "KILL", ["walked"] = "WALKOUT", ["halting"] = null };
        File.WriteAllLines(gold, Articles.Select(a =>
        {
            string content = a.Title + "\n\n" + a.Body;
            var events = chains.Keys.Where(w => a.Body.Contains(w, StringComparison.Ordinal)).Select(w =>
            {
                int start = content.IndexOf(w, a.Title.Length, StringComparison.Ordinal);
                return new Dictionary<string, object?>
                {
                    ["mention_id"] = $"{a.Id}_{w}",
                    ["sentence_index"] = 1,
                    ["text"] = w,
                    ["char_start"] = start,
                    ["char_end"] = start + w.Length,
                    ["type"] = "ACTION_OCCURRENCE",
                    ["chain"] = chains[w],
                };
            }).ToList();
            return JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["id"] = a.Id,
                ["topic"] = 1,
                ["subtopic"] = a.Id == "a3" ? a3Subtopic : "1ecb",
                ["selected_sentences"] = new[] { 1 },
                ["events"] = events,
                ["entities"] = Array.Empty<object>(),
            });
        }));
        return (articles, gold);
    }

    [Fact]
    public async Task Eval_with_gold_mentions_scores_two_reports_of_one_earthquake_and_an_unrelated_strike_perfectly()
    {
        var (articles, gold) = Write("2ecb");

        var run = await CliRun.InvokeAsync("stories", "eval", "--articles", articles, "--gold", gold, "--gold-mentions", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(
            """{"event_mentions":{"precision":100,"recall":100,"f1":100},"event_coref_conll_f1":100,"event_coref":{"muc":100,"b3":100,"ceafe":100},"stories":{"b3_precision":100,"b3_recall":100,"b3_f1":100}}""",
            run.Output.Trim());
    }

    [Fact]
    public async Task Eval_table_reports_the_story_score_against_a_gold_that_joins_the_strike_to_the_earthquake()
    {
        // Gold puts all three articles in one story, the engine keeps the strike apart: B3 precision 100,
        // recall (2/3 + 2/3 + 1/3) / 3 = 55.56, F1 71.43.
        var (articles, gold) = Write("1ecb");

        var run = await CliRun.InvokeAsync("stories", "eval", "--articles", articles, "--gold", gold, "--gold-mentions");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"stories B3\s+100\.00\s+55\.56\s+71\.43", run.Output);
    }

    [Fact]
    public async Task An_article_without_gold_is_bad_input_naming_the_article()
    {
        var (articles, gold) = Write("2ecb");
        File.AppendAllText(articles, """{"id":"zz9","content":"An article nobody annotated."}""" + "\n");

        var run = await CliRun.InvokeAsync("stories", "eval", "--articles", articles, "--gold", gold, "--gold-mentions");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'zz9' has no gold document", run.Error, StringComparison.Ordinal);
    }
}
