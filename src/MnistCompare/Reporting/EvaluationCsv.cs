using System.Globalization;
using System.Text;
using MnistCompare.Evaluation;

namespace MnistCompare.Reporting;

// evaluation.csv: one row per activation × seed × split with ML.NET's metrics: micro and macro accuracy, log-loss,
// its reduction over always guessing the class frequencies, top-2 and top-3 accuracy, then per class precision,
// recall and log-loss (precision_0 … precision_9, recall_0 …, log_loss_0 …).
public static class EvaluationCsv
{
    public const string FileName = "evaluation.csv";

    public static string Format(IReadOnlyList<PairEvaluation> pairs)
    {
        var classes = pairs.SelectMany(p => p.Splits).Select(s => s.ClassCount).DefaultIfEmpty(10).Max();
        var columns = new List<string> { "activation", "seed", "split", "images", "micro_acc", "macro_acc", "log_loss", "log_loss_reduction", "top2_acc", "top3_acc" };
        foreach (var name in new[] { "precision", "recall", "log_loss" }) columns.AddRange(Enumerable.Range(0, classes).Select(c => $"{name}_{c}"));
        var text = new StringBuilder().AppendLine(string.Join(',', columns));
        foreach (var pair in pairs)
        {
            foreach (var s in pair.Splits)
            {
                var cells = new List<string>
                {
                    CsvCells.Quote(pair.Activation), pair.Seed.ToString(CultureInfo.InvariantCulture), s.Split, s.Count.ToString(CultureInfo.InvariantCulture),
                    Number(s.MicroAccuracy), Number(s.MacroAccuracy), Number(s.LogLoss), Number(s.LogLossReduction),
                    TopK(s, 2), TopK(s, 3),
                };
                foreach (var perClass in new[] { s.PerClassPrecision, s.PerClassRecall, s.PerClassLogLoss })
                {
                    cells.AddRange(Enumerable.Range(0, classes).Select(c => c < perClass.Count ? Number(perClass[c]) : ""));
                }
                text.AppendLine(string.Join(',', cells));
            }
        }
        return text.ToString();
    }

    public static void Write(string path, IReadOnlyList<PairEvaluation> pairs) => AtomicFile.WriteAllText(path, Format(pairs));

    private static string TopK(SplitEvaluation split, int k) => k <= split.TopKAccuracy.Count ? Number(split.TopKAccuracy[k - 1]) : "";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
