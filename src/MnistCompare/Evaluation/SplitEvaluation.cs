using System.Text.Json.Serialization;

namespace MnistCompare.Evaluation;

// ML.NET's multiclass metrics of one model on one split. TopKAccuracy[k-1] is the top-k accuracy (k = 1..3);
// Confusion[true][predicted] counts images. Per-class values are indexed by class; a class that never occurs has
// recall and log-loss 0, one never predicted has precision 0 (ML.NET's conventions).
public sealed record SplitEvaluation(
    string Split,
    int Count,
    double MicroAccuracy,
    double MacroAccuracy,
    double LogLoss,
    double LogLossReduction,
    IReadOnlyList<double> TopKAccuracy,
    IReadOnlyList<double> PerClassPrecision,
    IReadOnlyList<double> PerClassRecall,
    IReadOnlyList<double> PerClassLogLoss,
    IReadOnlyList<IReadOnlyList<long>> Confusion)
{
    public const string Validation = "validation";
    public const string Test = "test";

    [JsonIgnore]
    public int ClassCount => Confusion.Count;
}
