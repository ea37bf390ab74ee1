using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Entities;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Evaluation;

/// <summary>
/// Scores entities against an IOB2 file by exact span match (same first token, last token and type), CoNLL style.
/// The scored types are PER, ORG and LOC (the Universal NER types) plus any other type in the gold file; system
/// spans of other types (DATE, MONEY and the other rule types) are not annotated in such gold data, so they are
/// ignored instead of counted as false positives. <see cref="Evaluate"/> gives the pipeline the gold tokens and
/// sentences, one document per <c># newdoc</c>.
/// </summary>
public static class EntityEvaluator
{
    /// <summary>The types always scored (the Universal NER types).</summary>
    public static readonly IReadOnlyList<string> DefaultTypes = ["PER", "ORG", "LOC"];

    public static EntityEvaluationResult Evaluate(IReadOnlyList<Iob2Sentence> gold, NlpPipeline pipeline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(pipeline);
        var onGold = pipeline.Given(Iob2Documents.Provided);
        if (!onGold.Produces.HasFlag(Annotations.Entities))
        {
            throw new ArgumentException($"The pipeline ({string.Join(", ", pipeline.ComponentNames)}) produces no entities.", nameof(pipeline));
        }

        var pairs = new List<(IReadOnlyList<EntitySpan>, IReadOnlyList<EntitySpan>)>();
        long elapsed = 0;
        int tokens = 0;
        foreach (var group in Iob2Documents.Group(gold))
        {
            var reference = Iob2Documents.ToDocument(group, $"gold-{pairs.Count}", goldEntities: true);
            var system = Iob2Documents.ToDocument(group, $"doc-{pairs.Count}");
            long started = Stopwatch.GetTimestamp();
            onGold.Process(system, cancellationToken);
            elapsed += Stopwatch.GetTimestamp() - started;
            tokens += system.TokenCount;
            pairs.Add((reference.Entities, system.Entities));
        }

        var result = Score(pairs, GoldTypes(gold));
        double seconds = (double)elapsed / Stopwatch.Frequency;
        return result with { Tokens = tokens, TokensPerSecond = seconds > 0 ? Math.Round(tokens / seconds) : 0 };
    }

    /// <summary>Scores a system IOB2 file against a gold one with the same sentences and tokens.</summary>
    public static EntityEvaluationResult Compare(IReadOnlyList<Iob2Sentence> gold, IReadOnlyList<Iob2Sentence> system)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(system);
        if (gold.Count != system.Count)
        {
            throw new ArgumentException($"The system file has {system.Count} sentences, the gold file {gold.Count}.", nameof(system));
        }

        var pairs = new List<(IReadOnlyList<EntitySpan>, IReadOnlyList<EntitySpan>)>();
        int tokens = 0;
        for (int s = 0; s < gold.Count; s++)
        {
            if (gold[s].Forms.Count != system[s].Forms.Count)
            {
                throw new ArgumentException($"{system[s].Source}:{system[s].Line}: the sentence has {system[s].Forms.Count} tokens, the gold sentence ({gold[s].Source}:{gold[s].Line}) {gold[s].Forms.Count}.", nameof(system));
            }

            pairs.Add((Iob2Documents.ToDocument([gold[s]], "gold", goldEntities: true).Entities, Iob2Documents.ToDocument([system[s]], "system", goldEntities: true).Entities));
            tokens += gold[s].Forms.Count;
        }

        return Score(pairs, GoldTypes(gold)) with { Tokens = tokens };
    }

    /// <summary>Counts exact matches of (gold, system) span lists per document over <paramref name="types"/> (and the default types).</summary>
    public static EntityEvaluationResult Score(IEnumerable<(IReadOnlyList<EntitySpan> Gold, IReadOnlyList<EntitySpan> System)> documents, IEnumerable<string> types)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(types);
        var scored = DefaultTypes.Concat(types.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
        var counts = scored.ToDictionary(t => t, _ => new int[3], StringComparer.Ordinal);
        foreach (var (goldSpans, systemSpans) in documents)
        {
            var goldSet = new HashSet<(int, int, string)>();
            foreach (var span in goldSpans)
            {
                if (counts.TryGetValue(span.Type, out var c))
                {
                    c[0]++;
                    goldSet.Add((span.StartToken, span.EndToken, span.Type));
                }
            }

            foreach (var span in systemSpans)
            {
                if (counts.TryGetValue(span.Type, out var c))
                {
                    c[1]++;
                    if (goldSet.Contains((span.StartToken, span.EndToken, span.Type)))
                    {
                        c[2]++;
                    }
                }
            }
        }

        var perType = new Dictionary<string, EntityTypeScore>(StringComparer.Ordinal);
        int gold = 0, system = 0, correct = 0;
        foreach (string type in scored)
        {
            var c = counts[type];
            perType[type] = Scores(c[0], c[1], c[2]);
            gold += c[0];
            system += c[1];
            correct += c[2];
        }

        var total = Scores(gold, system, correct);
        return new EntityEvaluationResult(total.Precision, total.Recall, total.F1, perType, 0, 0);
    }

    /// <summary>The result as JSON: <c>{"precision","recall","f1","per_type":{"PER":{"precision","recall","f1"},...}}</c>.</summary>
    public static string ToJson(EntityEvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteScores(writer, result.Precision, result.Recall, result.F1);
            writer.WriteStartObject("per_type");
            foreach (var (type, score) in result.PerType)
            {
                writer.WriteStartObject(type);
                WriteScores(writer, score.Precision, score.Recall, score.F1);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteScores(Utf8JsonWriter writer, double precision, double recall, double f1)
    {
        writer.WriteNumber("precision", precision);
        writer.WriteNumber("recall", recall);
        writer.WriteNumber("f1", f1);
    }

    private static IEnumerable<string> GoldTypes(IReadOnlyList<Iob2Sentence> gold) =>
        gold.SelectMany(s => s.Tags).Where(t => t.Length > 2).Select(t => t[2..]).Distinct(StringComparer.Ordinal);

    private static EntityTypeScore Scores(int gold, int system, int correct)
    {
        double precision = system == 0 ? 0 : 100.0 * correct / system;
        double recall = gold == 0 ? 0 : 100.0 * correct / gold;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new EntityTypeScore(Math.Round(precision, 2), Math.Round(recall, 2), Math.Round(f1, 2), gold, system, correct);
    }
}
