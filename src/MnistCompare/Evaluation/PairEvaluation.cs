using System.Text.Json.Serialization;
using MnistCompare.Data;

namespace MnistCompare.Evaluation;

// The evaluation of one activation × seed's final model: ML.NET's metrics per split (validation, and test under
// --validation holdout) and the validation images it gets most confidently wrong.
public sealed record PairEvaluation(string Activation, long Seed, IReadOnlyList<SplitEvaluation> Splits, IReadOnlyList<ConfidentMistake> Mistakes)
{
    // How many of its most confident mistakes a pair keeps: the figure shows at most this many per activation.
    public const int MistakesKept = 8;

    [JsonIgnore]
    public SplitEvaluation Validation => Splits.First(s => s.Split == SplitEvaluation.Validation);

    public static PairEvaluation From(string activation, long seed, SplitPredictions validation, DatasetSplit validationImages, SplitPredictions? test)
    {
        var splits = new List<SplitEvaluation> { MulticlassMetrics.Evaluate(validation) };
        if (test is not null) splits.Add(MulticlassMetrics.Evaluate(test));
        return new PairEvaluation(activation, seed, splits, ConfidentMistakes.Find(validation, validationImages, MistakesKept));
    }
}
