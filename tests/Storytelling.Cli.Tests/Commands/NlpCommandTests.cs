using System.Text.Json;

namespace Storytelling.Cli.Tests.Commands;

public sealed class NlpCommandTests : IDisposable
{
    // The committed tagger tags this sentence DET NOUN VERB DET NOUN ADP PROPN PUNCT; the gold file below marks
    // "visited" as a noun, so exactly 7 of the 8 words agree on UPOS and XPOS.
    private const string MisTaggedConllu = """
        # newdoc id = d1
        # sent_id = s1
        # text = The mayor visited the shelters on Monday.
        1	The	the	DET	DT	_	2	det	_	_
        2	mayor	mayor	NOUN	NN	_	3	nsubj	_	_
        3	visited	visit	NOUN	NN	_	0	root	_	_
        4	the	the	DET	DT	_	5	det	_	_
        5	shelters	shelter	NOUN	NNS	_	3	obj	_	_
        6	on	on	ADP	IN	_	7	case	_	_
        7	Monday	Monday	PROPN	NNP	_	3	obl	_	SpaceAfter=No
        8	.	.	PUNCT	.	_	3	punct	_	_


        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("cli-nlp-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    [Fact]
    public async Task Eval_on_gold_tokens_prints_the_issue_fields_with_the_known_scores()
    {
        var path = await WriteAsync("gold.conllu", MisTaggedConllu);

        var run = await CliRun.InvokeAsync("nlp", "eval", "--conllu", path, "--json");

        Assert.Equal(0, run.ExitCode);
        var report = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(
            ["sentences", "tokens", "upos", "xpos", "lemma", "uas", "las", "tokens_per_second"],
            report.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, report.GetProperty("sentences").GetInt32());
        Assert.Equal(8, report.GetProperty("tokens").GetInt32());
        Assert.Equal(87.5, report.GetProperty("upos").GetDouble());
        Assert.Equal(87.5, report.GetProperty("xpos").GetDouble());
        Assert.Equal(100, report.GetProperty("lemma").GetDouble());
        Assert.InRange(report.GetProperty("uas").GetDouble(), 0, 100);
        Assert.True(report.GetProperty("tokens_per_second").GetDouble() > 0);
    }

    [Fact]
    public async Task Eval_from_raw_text_adds_token_and_sentence_f1()
    {
        var path = await WriteAsync("gold.conllu", MisTaggedConllu);

        var run = await CliRun.InvokeAsync("nlp", "eval", "--conllu", path, "--raw", "--json");

        Assert.Equal(0, run.ExitCode);
        var report = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(100, report.GetProperty("tokens_f1").GetDouble());
        Assert.Equal(100, report.GetProperty("sentences_f1").GetDouble());
        Assert.Equal(87.5, report.GetProperty("upos").GetDouble());
    }

    [Fact]
    public async Task Eval_table_names_each_score()
    {
        var path = await WriteAsync("gold.conllu", MisTaggedConllu);

        var run = await CliRun.InvokeAsync("nlp", "eval", "--conllu", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("UPOS        87.50", run.Output);
        Assert.Contains("lemma      100.00", run.Output);
    }

    [Fact]
    public async Task Eval_of_iob2_prints_precision_recall_and_f1_per_type()
    {
        // The committed recognizer finds Barack Obama (PER) and Paris (LOC) but not "the mayor", which this gold
        // file marks as a person: 2 of 2 system spans correct, 2 of 3 gold spans found.
        var path = await WriteAsync("gold.iob2", "# newdoc id = d1\n# sent_id = s1\n1\tBarack\tB-PER\n2\tObama\tI-PER\n3\tvisited\tO\n4\tParis\tB-LOC\n5\tand\tO\n6\tmet\tO\n7\tthe\tO\n8\tmayor\tB-PER\n9\t.\tO\n\n");

        var run = await CliRun.InvokeAsync("nlp", "eval", "--iob2", path, "--json");

        Assert.Equal(0, run.ExitCode);
        var report = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(["precision", "recall", "f1", "per_type"], report.EnumerateObject().Select(p => p.Name));
        Assert.Equal(100, report.GetProperty("precision").GetDouble());
        Assert.Equal(66.67, report.GetProperty("recall").GetDouble());
        Assert.Equal(80, report.GetProperty("f1").GetDouble());
        Assert.Equal(50, report.GetProperty("per_type").GetProperty("PER").GetProperty("recall").GetDouble());
        Assert.Equal(100, report.GetProperty("per_type").GetProperty("LOC").GetProperty("f1").GetDouble());
    }

    [Fact]
    public async Task Eval_of_iob2_without_an_entity_model_fails_naming_the_missing_file()
    {
        var models = Path.Combine(_directory, "models-without-ner");
        foreach (var component in new[] { "tagger", "lemmatizer" })
        {
            Directory.CreateDirectory(Path.Combine(models, component));
            File.Copy(Path.Combine(CommittedModels(), component, "model.bin"), Path.Combine(models, component, "model.bin"));
        }

        var path = await WriteAsync("gold.iob2", "# sent_id = s1\n1\tMira\tB-PER\n2\tLund\tI-PER\n3\tspoke\tO\n\n");

        var run = await CliRun.InvokeAsync("nlp", "eval", "--iob2", path, "--models", models);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(Path.Combine(models, "ner", "model.bin"), run.Error);
    }

    private static string CommittedModels()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "models", "tagger", "model.bin")))
            {
                return Path.Combine(directory.FullName, "models");
            }
        }

        throw new DirectoryNotFoundException("models/ not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task Eval_of_a_malformed_conllu_file_exits_2_naming_the_line()
    {
        var path = await WriteAsync("bad.conllu", "1\tThe\tthe\n\n");

        var run = await CliRun.InvokeAsync("nlp", "eval", "--conllu", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.conllu", run.Error);
    }

    [Fact]
    public async Task Analyze_json_has_documents_jsonl_shape_and_offsets_that_point_into_the_text()
    {
        const string text = "Mayor Tomas Reinholt didn't visit the shelters on Monday.  He'll go today, at 9:30 a.m.";

        var run = await CliRun.InvokeAsync("nlp", "analyze", "--text", text, "--json", "--id", "doc-1", "--published-at", "2026-11-18T08:00:00Z");

        Assert.Equal(0, run.ExitCode);
        var document = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("doc-1", document.GetProperty("id").GetString());
        Assert.Equal(text, document.GetProperty("text").GetString());
        var sentences = document.GetProperty("sentences").EnumerateArray().ToList();
        Assert.Equal(2, sentences.Count);
        foreach (var sentence in sentences)
        {
            int sentenceStart = sentence.GetProperty("start").GetInt32(), sentenceEnd = sentence.GetProperty("end").GetInt32();
            var tokens = sentence.GetProperty("tokens").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, tokens.Count), tokens.Select(t => t.GetProperty("i").GetInt32()));
            foreach (var token in tokens)
            {
                int start = token.GetProperty("start").GetInt32(), end = token.GetProperty("end").GetInt32();
                Assert.InRange(start, sentenceStart, end - 1);
                Assert.InRange(end, start + 1, sentenceEnd);
                Assert.Equal(text[start..end], token.GetProperty("text").GetString());
                Assert.False(string.IsNullOrEmpty(token.GetProperty("upos").GetString()));
                Assert.False(string.IsNullOrEmpty(token.GetProperty("lemma").GetString()));
                Assert.InRange(token.GetProperty("head").GetInt32(), 0, tokens.Count);
            }
        }

        var words = sentences[0].GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("text").GetString()).ToList();
        Assert.Equal(["Mayor", "Tomas", "Reinholt", "did", "n't", "visit", "the", "shelters", "on", "Monday", "."], words);
        var entities = document.GetProperty("entities").EnumerateArray().ToList();
        Assert.Contains(entities, e => e.GetProperty("type").GetString() == "PER" && e.GetProperty("text").GetString()!.Contains("Reinholt", StringComparison.Ordinal));
        foreach (var entity in entities)
        {
            Assert.Equal(text[entity.GetProperty("start").GetInt32()..entity.GetProperty("end").GetInt32()], entity.GetProperty("text").GetString());
        }

        var times = document.GetProperty("time_expressions").EnumerateArray().ToList();
        var monday = times.Single(t => t.GetProperty("text").GetString() == "Monday");
        Assert.Equal(("date", "2026-11-16", "publication_date"),
            (monday.GetProperty("type").GetString(), monday.GetProperty("value").GetString(), monday.GetProperty("anchor").GetString()));
        Assert.Equal("2026-11-16T00:00:00.0000000+00:00", monday.GetProperty("begin").GetString());
        Assert.Contains(times, t => t.GetProperty("value").GetString() == "2026-11-18T09:30");
        foreach (var time in times)
        {
            Assert.Equal(text[time.GetProperty("start").GetInt32()..time.GetProperty("end").GetInt32()], time.GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task Analyze_without_a_publication_date_flags_relative_time_expressions_instead_of_guessing()
    {
        var run = await CliRun.InvokeAsync("nlp", "analyze", "--text", "The council met on Monday.", "--json");

        Assert.Equal(0, run.ExitCode);
        var monday = Assert.Single(JsonDocument.Parse(run.Output).RootElement.GetProperty("time_expressions").EnumerateArray());
        Assert.Equal("none", monday.GetProperty("anchor").GetString());
        Assert.Contains("anchor_missing", monday.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(JsonValueKind.Null, monday.GetProperty("begin").ValueKind);
    }

    [Fact]
    public async Task Analyze_reads_a_file_and_prints_a_table()
    {
        var path = await WriteAsync("story.txt", "The storm flooded the harbor.");

        var run = await CliRun.InvokeAsync("nlp", "analyze", "--file", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("# sentence 1 [0,29): The storm flooded the harbor.", run.Output);
        Assert.Matches(@"3\s+flooded\s+10\s+17\s+VERB\s+VBD\s+flood", run.Output);
    }

    [Fact]
    public async Task Analyze_without_text_or_file_exits_2()
    {
        var run = await CliRun.InvokeAsync("nlp", "analyze");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--text", run.Error);
    }

    [Fact]
    public async Task Training_an_unknown_component_exits_2_listing_the_known_ones()
    {
        var run = await CliRun.InvokeAsync("nlp", "train", "sentiment", "--train", "a.conllu", "--dev", "b.conllu", "--out", _directory);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown component 'sentiment'", run.Error);
        Assert.Contains("tagger", run.Error);
        Assert.Contains("lemmatizer", run.Error);
    }

    [Fact]
    public async Task A_corrupt_model_exits_1_naming_the_file()
    {
        var models = Path.Combine(_directory, "models");
        Directory.CreateDirectory(Path.Combine(models, "tagger"));
        var corrupt = Path.Combine(models, "tagger", "model.bin");
        await File.WriteAllBytesAsync(corrupt, [.. Enumerable.Range(0, 300).Select(i => (byte)i)]);

        var run = await CliRun.InvokeAsync("nlp", "analyze", "--text", "Hello.", "--models", models);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(corrupt, run.Error);
    }

    [Fact]
    public async Task A_missing_model_exits_1_naming_the_file()
    {
        var models = Path.Combine(_directory, "empty-models");
        Directory.CreateDirectory(models);
        var path = await WriteAsync("gold.conllu", MisTaggedConllu);

        var run = await CliRun.InvokeAsync("nlp", "eval", "--conllu", path, "--models", models);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(Path.Combine(models, "tagger", "model.bin"), run.Error);
    }

    [Fact]
    public async Task The_models_dir_setting_is_where_models_are_loaded_from_and_must_exist()
    {
        var models = Path.Combine(_directory, "configured-models");
        Directory.CreateDirectory(models);
        var config = Path.Combine(_directory, "settings.yaml");
        await File.WriteAllTextAsync(config, $"nlp:\n  models_dir: {models}\n");

        var run = await CliRun.InvokeAsync("--config", config, "nlp", "analyze", "--text", "Hello.");

        Assert.Equal(1, run.ExitCode); // an empty models folder: the tagger's file is missing there
        Assert.Contains(Path.Combine(models, "tagger", "model.bin"), run.Error);

        Directory.Delete(models);
        var missing = await CliRun.InvokeAsync("--config", config, "nlp", "analyze", "--text", "Hello.");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nlp.models_dir", missing.Error);
        Assert.Contains("does not exist", missing.Error);
    }
}
