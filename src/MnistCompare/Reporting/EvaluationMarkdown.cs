using System.Globalization;
using System.Text;
using MnistCompare.Evaluation;

namespace MnistCompare.Reporting;

// The part of summary.md that says where each activation goes wrong: ML.NET's macro accuracy (the mean of the
// per-class recalls, so a weak class counts as much as a strong one), its top-2 accuracy (how often the right class
// is at least the runner-up) and the three (true, predicted) pairs of classes it mixes up most on the validation
// set, seeds summed. Seven columns, as the table above has.
public static class EvaluationMarkdown
{
    public static string Section(IReadOnlyList<ActivationEvaluation> activations)
    {
        var text = new StringBuilder();
        text.AppendLine("## Where each activation goes wrong");
        text.AppendLine();
        text.AppendLine("Validation set, final models (ML.NET's metrics; `evaluation.csv` has every split, seed and class). " +
                        "Most confused: true → predicted (images, seeds summed).");
        text.AppendLine();
        text.AppendLine("| Activation | Macro acc | Micro acc | Top-2 acc | Most confused | 2nd | 3rd |");
        text.AppendLine("|---|---:|---:|---:|---|---|---|");
        foreach (var a in activations)
        {
            var confused = Enumerable.Range(0, ActivationEvaluation.ConfusedPairsShown)
                .Select(i => i < a.MostConfused.Count ? Pair(a.MostConfused[i]) : "–");
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {ActivationDisplayName.Of(a.Activation)} | {a.MacroAccuracy * 100:F2}% | {a.MicroAccuracy * 100:F2}% | {a.TopTwoAccuracy * 100:F2}% | {string.Join(" | ", confused)} |"));
        }
        text.AppendLine();
        text.AppendLine("`confusion.png` shows the matrices, `mistakes.png` the images each activation gets wrong most confidently.");
        return text.ToString();
    }

    private static string Pair(ConfusedPair pair) => string.Create(CultureInfo.InvariantCulture, $"{pair.TrueClass} → {pair.PredictedClass} ({pair.Count})");
}
