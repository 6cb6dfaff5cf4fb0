using MnistCompare.Evaluation;

namespace MnistCompare.Reporting;

// The run-wide files built from the pairs' evaluation records: evaluation.csv whenever a pair finishes, the
// figures (confusion.png/.svg, mistakes.png) with the other plots.
public static class EvaluationOutputs
{
    public static void WriteTable(RunFolder folder, IReadOnlyList<PairEvaluation> pairs)
    {
        if (pairs.Count > 0) EvaluationCsv.Write(folder.EvaluationCsvPath, pairs);
    }

    public static void DrawFigures(RunFolder folder, IReadOnlyList<PairEvaluation> pairs)
    {
        var activations = ActivationEvaluation.Of(pairs);
        ConfusionFigure.Render(folder, activations);
        MistakesFigure.Render(folder, activations);
    }

    // The records of every pair a run folder holds, or none for a run made before evaluations were recorded.
    public static IReadOnlyList<PairEvaluation> ReadAll(RunFolder folder) =>
        Directory.Exists(folder.PairEvaluationsPath)
            ? Directory.GetFiles(folder.PairEvaluationsPath, "*.json").Order(StringComparer.Ordinal).Select(PairEvaluationFiles.Read).ToList()
            : [];
}
