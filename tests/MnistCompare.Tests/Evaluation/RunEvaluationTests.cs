using MnistCompare.Data;
using MnistCompare.Evaluation;
using MnistCompare.Model;
using MnistCompare.Tests.Charts;
using MnistCompare.Tests.Cli;
using MnistCompare.Training;
using SkiaSharp;

namespace MnistCompare.Tests.Evaluation;

// The evaluation files of the shared relu + gelu comparison (2,000 training images, one epoch, validation on the
// 10,000 test images): what they hold agrees with metrics.csv and with the saved weights scored again.
[Collection(AppCollection.Name)]
public sealed class RunEvaluationTests
{
    private static readonly string[] Activations = ["relu", "gelu"];

    private readonly CompletedRun run;

    public RunEvaluationTests(SharedRuns runs) => run = runs.Comparison;

    [Fact]
    public void EachConfusionMatrixCountsTheWholeSplitAndItsDiagonalIsTheRecordedAccuracy()
    {
        run.AssertSucceeded();
        var table = RunEvaluationFiles.ReadTable(run.File("evaluation.csv"));
        Assert.Equal(Activations, table.Select(r => r["activation"]));
        foreach (var row in run.Rows)
        {
            var confusion = RunEvaluationFiles.ReadConfusion(run.File(Path.Combine("confusion", $"{row.Activation}-seed1.csv")));
            Assert.Equal(10_000, RunEvaluationFiles.Sum(confusion));
            Assert.Equal(row.ValAccuracy, RunEvaluationFiles.Trace(confusion) / 10_000.0);
            var evaluation = table.Single(r => r["activation"] == row.Activation);
            Assert.Equal(("1", "validation", "10000"), (evaluation["seed"], evaluation["split"], evaluation["images"]));
            Assert.Equal(row.ValAccuracy, RunEvaluationFiles.Number(evaluation["micro_acc"]));
            // ML.NET's log-loss from float probabilities against the trainer's from log-probabilities.
            Assert.Equal(row.ValLoss, RunEvaluationFiles.Number(evaluation["log_loss"]), 1e-5);
            var macro = RunEvaluationFiles.Number(evaluation["macro_acc"]);
            Assert.Equal(Enumerable.Range(0, 10).Average(c => RunEvaluationFiles.Number(evaluation[$"recall_{c}"])), macro, 1e-12);
            Assert.True(RunEvaluationFiles.Number(evaluation["top2_acc"]) > row.ValAccuracy);
            Assert.True(RunEvaluationFiles.Number(evaluation["top3_acc"]) > RunEvaluationFiles.Number(evaluation["top2_acc"]));
        }
    }

    [Fact]
    public void TheSavedWeightsScoredAgainGiveTheSameMatrix()
    {
        run.AssertSucceeded();
        using var mnist = DatasetLoader.Load(DatasetLocator.MnistName, new DatasetLoadOptions { Normalization = PixelNormalization.Mnist, TrainLimit = 1 });
        foreach (var activation in Activations)
        {
            using var model = ModelWeights.Load(run.File(Path.Combine("models", $"{activation}-seed1.weights")), activation);
            var recorder = new PredictionRecorder(SplitEvaluation.Validation, mnist.Test);
            // Another batch size than the run's: the matrix must not depend on it.
            Evaluator.Evaluate(model, mnist.Test, 500, recorder);
            var again = MulticlassMetrics.Evaluate(recorder.Result());

            var saved = RunEvaluationFiles.ReadConfusion(run.File(Path.Combine("confusion", $"{activation}-seed1.csv")));
            for (var t = 0; t < 10; t++)
            {
                for (var p = 0; p < 10; p++) Assert.Equal(saved[t, p], again.Confusion[t][p]);
            }
        }
    }

    [Fact]
    public void TheFiguresDecodeWithOnePanelPerActivation()
    {
        run.AssertSucceeded();
        Assert.Equal(["ReLU (seed 1", "GELU (tanh) (seed 1"], RunEvaluationFiles.SvgPanels(run.File("confusion.svg")).Select(p => p[..p.IndexOf(',')]));
        // Two panels side by side; mistakes.png stacks one row per activation.
        Assert.Equal((2 * 520, 540), Decode(run.File("confusion.png")));
        Assert.Equal(2 * 210, Decode(run.File("mistakes.png")).Height);
        // Each mistakes row holds its activation's eight most confident mistakes.
        foreach (var activation in Activations)
        {
            var record = System.Text.Json.JsonDocument.Parse(File.ReadAllText(run.File(Path.Combine("evaluation", $"{activation}-seed1.json"))));
            var mistakes = record.RootElement.GetProperty("mistakes").EnumerateArray().ToList();
            Assert.Equal(PairEvaluation.MistakesKept, mistakes.Count);
            Assert.All(mistakes, m => Assert.NotEqual(m.GetProperty("true_class").GetInt32(), m.GetProperty("predicted_class").GetInt32()));
            var confidences = mistakes.Select(m => m.GetProperty("confidence").GetDouble()).ToList();
            Assert.Equal(confidences.OrderDescending(), confidences);
        }
        Assert.Contains("## Where each activation goes wrong", File.ReadAllText(run.File("summary.md")));
    }

    // Decoded by SkiaSharp, not just its header read: a damaged image fails here.
    private static (int Width, int Height) Decode(string path)
    {
        PngFile.AssertValid(path);
        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        return (bitmap.Width, bitmap.Height);
    }
}
