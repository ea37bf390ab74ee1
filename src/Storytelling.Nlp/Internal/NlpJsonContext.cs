using System.Text.Json.Serialization;
using Storytelling.Nlp.Evaluation;

namespace Storytelling.Nlp.Internal;

[JsonSerializable(typeof(EvaluationResult))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class NlpJsonContext : JsonSerializerContext;
