using System.CommandLine;
using Storytelling.Articles;
using Storytelling.Nlp;
using Storytelling.Nlp.Events;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Stories;
using Storytelling.Stories.Evaluation;

namespace Storytelling.Cli.Commands;

/// <summary>
/// <c>storytelling stories eval</c>: runs the configured NLP pipeline (<c>nlp.pipeline</c>, with the event extractor)
/// and the story engine over articles and scores event mentions, event coreference and storylines against gold
/// (docs/stories.md).
/// </summary>
public static class StoriesCommand
{
    private const string EventExtractorName = "event_extractor";

    public static Command Create(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        return new Command("stories", "Cross-document event linking and storylines: evaluate against gold annotations.")
        {
            CreateEval(register),
        };
    }

    private static Command CreateEval(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var articles = new Option<string>("--articles")
        {
            Description = "Articles (JSONL input format). Each content is analysed AS GIVEN, without cleaning, because gold offsets index the raw content.",
            Required = true,
        };
        var gold = new Option<string>("--gold")
        {
            Description = "Gold annotations (JSONL: id, subtopic, selected_sentences, events with char_start/char_end/chain), e.g. ecbplus-dev/gold.jsonl.",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the scores as one JSON object (percent)." };
        var goldMentions = new Option<bool>("--gold-mentions")
        {
            Description = "Link the gold event triggers instead of the extractor's (scores linking and storylines alone; mention scores become 100).",
        };
        var models = new Option<string?>("--models") { Description = "The models directory (default: the first models/ above the current directory, then above the executable)." };
        var command = new Command(
            "eval",
            "Run NLP (as configured by nlp.pipeline) and the story engine on each article's content as given (no cleaning: gold offsets index the raw content), "
            + "in input order, and score event mentions (span overlap, selected sentences), event coreference (MUC, B3, CEAF-e, CoNLL F1 on matched mentions) and stories (B3 over documents).")
        {
            articles, gold, json, goldMentions, models,
        };
        register(command, (context, cancellationToken) =>
        {
            var result = context.ParseResult;
            return EvalAsync(
                context,
                result.GetValue(articles)!,
                result.GetValue(gold)!,
                result.GetValue(json),
                result.GetValue(goldMentions),
                context.ModelsDirectory(result.GetValue(models)),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> EvalAsync(
        CliContext context, string articlesPath, string goldPath, bool asJson, bool useGoldMentions, string? modelsDirectory, CancellationToken cancellationToken)
    {
        RequireFile(articlesPath, "--articles");
        RequireFile(goldPath, "--gold");
        if (modelsDirectory is not null && !Directory.Exists(modelsDirectory))
        {
            throw new CommandInputException($"--models: directory '{modelsDirectory}' does not exist");
        }

        IReadOnlyList<GoldDocument> gold;
        try
        {
            gold = await GoldReader.ReadFileAsync(goldPath, cancellationToken);
        }
        catch (FormatException e)
        {
            throw new CommandInputException($"--gold: {e.Message}", e);
        }

        var goldById = gold.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var articles = await ReadArticlesAsync(context, articlesPath, goldById, cancellationToken);

        var options = context.Settings.Bind<StoryOptions>(StoryOptions.SectionName);
        var pipeline = CreatePipeline(context, modelsDirectory, useGoldMentions);
        if (!useGoldMentions && !pipeline.ComponentNames.Contains(EventExtractorName))
        {
            await context.Error.WriteLineAsync($"warning: nlp.pipeline has no {EventExtractorName}; no events will be found".AsMemory(), cancellationToken);
        }

        var documents = new Document[articles.Count];
        int done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, articles.Count),
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            (index, token) =>
            {
                var article = articles[index];
                var document = new Document(article.Content, article.Id) { PublishedAt = article.PublishedAt };
                pipeline.Process(document, token);
                if (useGoldMentions)
                {
                    document.SetEvents(GoldEvents(document, goldById[article.Id]));
                }

                documents[index] = document;
                int count = Interlocked.Increment(ref done);
                if (count % 100 == 0 || count == articles.Count)
                {
                    context.Error.WriteLine($"analysed {count}/{articles.Count}");
                }

                return ValueTask.CompletedTask;
            });

        var engine = new StoryEngine(options);
        var predicted = new List<PredictedDocument>(documents.Length);
        for (int i = 0; i < documents.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var update = engine.Add(StoryDocument.From(documents[i], articles[i].Title));
            predicted.Add(new PredictedDocument(
                documents[i].Id,
                documents[i].Text,
                update.StorylineId,
                [.. documents[i].Events.Select(e =>
                {
                    string id = StoryEvent.IdFor(documents[i].Id, e);
                    return new PredictedMention(id, e.TriggerStart, e.TriggerEnd, update.EventClusters[id]);
                })]));
        }

        var evaluation = StoryEvaluator.Evaluate(gold, predicted);
        string rendered = asJson
            ? evaluation.ToJson()
            : $"{articlesPath} against {goldPath}{(useGoldMentions ? " (gold event mentions)" : "")}; {engine.Storylines.Count} storylines\n{evaluation.ToTable()}";
        await context.Output.WriteLineAsync(rendered.AsMemory(), cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task<List<Article>> ReadArticlesAsync(
        CliContext context, string path, Dictionary<string, GoldDocument> gold, CancellationToken cancellationToken)
    {
        var reader = new ArticleReader(context.Settings.Bind<ArticleInputOptions>(ArticleInputOptions.SectionName));
        var articles = new List<Article>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var result in reader.ReadFileAsync(path, cancellationToken))
        {
            if (result.IsRejected)
            {
                throw new CommandInputException($"--articles: {result.Rejected.Location}: {result.Rejected.Reason}");
            }

            var article = result.Article;
            if (!gold.ContainsKey(article.Id))
            {
                throw new CommandInputException($"--articles: {article.Origin}: article '{article.Id}' has no gold document in --gold");
            }

            if (!ids.Add(article.Id))
            {
                throw new CommandInputException($"--articles: {article.Origin}: article '{article.Id}' appears twice");
            }

            articles.Add(article);
        }

        return articles.Count > 0 ? articles : throw new CommandInputException($"--articles: '{path}' holds no articles");
    }

    private static NlpPipeline CreatePipeline(CliContext context, string? modelsDirectory, bool withoutExtractor)
    {
        var names = new List<string>();
        for (int i = 0; context.Settings[$"nlp.pipeline.{i}"] is { } name; i++)
        {
            if (!(withoutExtractor && name == EventExtractorName))
            {
                names.Add(name);
            }
        }

        try
        {
            return NlpPipeline.Create(names, NlpComponentRegistry.CreateDefault(), new ModelStore(modelsDirectory));
        }
        catch (PipelineConfigurationException e)
        {
            throw new Configuration.SettingsException(e.Message);
        }
    }

    /// <summary>Gold triggers as event mentions (first token's lemma; type, arguments and times left empty), in text order, one per start offset.</summary>
    private static List<EventMention> GoldEvents(Document document, GoldDocument gold)
    {
        var tokens = document.Tokens;
        var mentions = new List<EventMention>();
        foreach (var mention in gold.Events.OrderBy(m => m.Start).DistinctBy(m => m.Start))
        {
            if (mention.End > document.Text.Length)
            {
                throw new CommandInputException($"--gold: mention '{mention.Id}' [{mention.Start},{mention.End}) leaves the content of '{document.Id}' ({document.Text.Length} characters)");
            }

            int token = 0;
            while (token < tokens.Length - 1 && tokens[token].End <= mention.Start)
            {
                token++;
            }

            string lemma = token < document.Lemmas.Length && !string.IsNullOrEmpty(document.Lemmas[token]) ? document.Lemmas[token] : mention.Text;
            bool nominal = token < document.Upos.Length && document.Upos[token] is "NOUN" or "PROPN";
            mentions.Add(new EventMention(
                document.SentenceOf(token), token, mention.Start, mention.End, document.Text[mention.Start..mention.End], lemma, nominal, EventType.Other, EventModality.Asserted, 1f));
        }

        return mentions;
    }

    private static void RequireFile(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new CommandInputException($"{option}: file '{path}' does not exist");
        }
    }
}
