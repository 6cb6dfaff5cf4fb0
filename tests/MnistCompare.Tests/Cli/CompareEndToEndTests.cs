using System.Globalization;
using System.Text.Json;
using CustomActivations;
using MnistCompare.Data;
using MnistCompare.Model;
using MnistCompare.Reporting;
using MnistCompare.Tests.Charts;
using MnistCompare.Training;
using static TorchSharp.torch;

namespace MnistCompare.Tests.Cli;

// The end-to-end run: `compare --train-limit 2000 --epochs 1 -a relu,gelu --normalize --out DIR` on the real
// MNIST files and the real libtorch, then every file of the run folder checked on its own terms.
[Collection(AppCollection.Name)]
public sealed class CompareEndToEndTests
{
    private static readonly string[] Activations = ["relu", "gelu"];
    private readonly CompletedRun run;

    public CompareEndToEndTests(SharedRuns runs) => run = runs.Comparison;

    [Fact]
    public void ExitsZeroWithOneLinePerEpochAndNothingOnStderr()
    {
        run.AssertSucceeded();
        var output = run.Result.OutLines;
        Assert.Contains($"Run folder: {run.Folder}", output);
        foreach (var activation in Activations)
        {
            Assert.Contains($"training {activation} (seed 1) from epoch 1", output);
            Assert.Single(output, l => l.StartsWith($"{activation} seed 1 epoch 1/1: train loss ", StringComparison.Ordinal));
        }
        Assert.Contains(output, l => l.StartsWith("Wrote ", StringComparison.Ordinal) && l.Contains("summary.md"));
    }

    [Fact]
    public void MetricsCsvHasOneRowPerActivationWithValidationAccuracyAboveEightyPercent()
    {
        run.AssertSucceeded();
        var rows = run.Rows;
        Assert.Equal(Activations, rows.Select(r => r.Activation));
        foreach (var row in rows)
        {
            Assert.Equal((1L, 1, false), (row.Seed, row.Epoch, row.Diverged));
            Assert.True(row.ValAccuracy > 0.8, $"{row.Activation}: val_acc {row.ValAccuracy}");
            Assert.InRange(row.ValAccuracy, 0.8, 1.0);
            Assert.InRange(row.TrainAccuracy, 0.3, 1.0);
            // Untrained, the NLL loss is ln 10 ≈ 2.30; after an epoch both losses are well below it.
            Assert.InRange(row.TrainLoss, 0.01, 2.0);
            Assert.InRange(row.ValLoss, 0.01, 1.0);
            Assert.True(row.Seconds > 0 && row.Seconds < 600, $"seconds {row.Seconds}");
        }
        // The app's own reader agrees with the independent one.
        Assert.Equal(rows.Select(r => (r.Activation, r.ValAccuracy, r.ValLoss)),
            MetricsCsv.Read(run.File("metrics.csv")).Select(m => (m.Activation, m.ValAccuracy, m.ValLoss)));
    }

    [Fact]
    public void ConfigJsonRecordsTheSettingsAndRoundTripsIntoRunSettings()
    {
        run.AssertSucceeded();
        var settings = RunConfigFile.Read(run.File("config.json"));
        // With what the run found and how it spread the work: the images it used, the threads of its one training.
        var expected = new RunSettings
        {
            Activations = Activations, Epochs = 1, TrainLimit = 2000, Normalize = true, ThreadsPerTraining = Environment.ProcessorCount,
            Images = new ImageCounts(2000, 10_000, null),
        };
        Assert.Equal(Activations, settings.Activations);
        Assert.Equal(expected, settings with { Activations = expected.Activations });

        using var json = JsonDocument.Parse(File.ReadAllText(run.File("config.json")));
        Assert.Equal(2000, json.RootElement.GetProperty("train_limit").GetInt32());
        Assert.Equal("test", json.RootElement.GetProperty("validation").GetString());
        Assert.True(json.RootElement.GetProperty("normalize").GetBoolean());

        // Writing what was read gives the same file: nothing is lost on the way through RunSettings.
        using var temp = new TempFolder();
        RunConfigFile.Write(temp["config.json"], settings);
        Assert.Equal(File.ReadAllText(run.File("config.json")), File.ReadAllText(temp["config.json"]));
    }

    [Fact]
    public void SummaryHasATableRowPerActivationWithTheRecordedNumbers()
    {
        run.AssertSucceeded();
        var summary = File.ReadAllText(run.File("summary.md"));
        Assert.StartsWith("# MnistCompare summary", summary);
        Assert.Contains("Dataset mnist: 2,000 training images, validation on 10,000 test images; 1 epoch,", summary);
        Assert.DoesNotContain("In progress", summary);
        foreach (var row in run.Rows)
        {
            var cells = Assert.Single(RunFiles.SummaryRows(run.File("summary.md"), CustomActivations.ActivationRegistry.Parse(row.Activation).DisplayName));
            var percent = (row.ValAccuracy * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";
            Assert.Equal(percent, cells[1]);
            Assert.Equal(percent, cells[2]);
            Assert.Equal(row.ValLoss.ToString("F4", CultureInfo.InvariantCulture), cells[3]);
            Assert.Equal(ParameterCounts.Of(row.Activation).ToString("N0", CultureInfo.InvariantCulture), cells[5]);
            Assert.Equal("no", cells[6]);
        }
        var best = run.Rows.MaxBy(r => r.ValAccuracy)!;
        Assert.Contains($"Highest final validation accuracy: **{CustomActivations.ActivationRegistry.Parse(best.Activation).DisplayName}**", summary);
    }

    [Fact]
    public void ModelsFolderHoldsOneWeightsFilePerActivation()
    {
        run.AssertSucceeded();
        Assert.Equal(["gelu-seed1.weights", "relu-seed1.weights"],
            Directory.GetFiles(run.File("models")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(RunFiles.TemporaryFiles(run.Folder));
    }

    [Fact]
    public void SavedWeightsReproduceTheRecordedValidationAndClassifyTestImages()
    {
        run.AssertSucceeded();
        using var mnist = DatasetLoader.Load(DatasetLocator.MnistName,
            new DatasetLoadOptions { Normalization = PixelNormalization.Mnist, TrainLimit = 1 });
        var rows = run.Rows.ToDictionary(r => r.Activation);

        // ReLU on the whole test set: the saved weights are exactly the model that produced metrics.csv's val columns.
        using (var relu = LoadModel("relu"))
        {
            var evaluation = Evaluator.Evaluate(relu, mnist.Test, new RunSettings().EvalBatchSize);
            Assert.Equal(rows["relu"].ValAccuracy, evaluation.Accuracy);
            Assert.Equal(rows["relu"].ValLoss, evaluation.Loss, 1e-9);
        }
        // Every model on 1,000 test images spread over the whole file (every 10th): the file is not shuffled, and
        // its first thousands are harder than the average (ReLU scores 0.79 on the first 1,000, 0.84 overall).
        using var sample = EveryTenth(mnist.Test);
        foreach (var activation in Activations)
        {
            using var model = LoadModel(activation);
            var accuracy = Evaluator.Evaluate(model, sample, 1000).Accuracy;
            Assert.True(accuracy > 0.8, $"{activation}: {accuracy} on every 10th test image");
        }

        // An untrained network of the same shape is at chance, so the accuracy above comes from the file.
        random.manual_seed(1);
        using var untrained = new TutorialCnn(ActivationRegistry.Parse("relu"));
        Assert.True(Evaluator.Evaluate(untrained, sample, 1000).Accuracy < 0.3);
    }

    // The app validates in batches of 128 because that is faster here; the figures must not depend on it beyond the
    // grouping of the loss's float sum.
    [Fact]
    public void ValidationGivesTheSameFiguresWhateverTheBatchSize()
    {
        run.AssertSucceeded();
        using var mnist = DatasetLoader.Load(DatasetLocator.MnistName,
            new DatasetLoadOptions { Normalization = PixelNormalization.Mnist, TrainLimit = 1 });
        using var sample = EveryTenth(mnist.Test);
        using var gelu = LoadModel("gelu");

        var whole = Evaluator.Evaluate(gelu, sample, sample.Count);
        foreach (var batch in new[] { new RunSettings().EvalBatchSize, 300, 7 })
        {
            var evaluation = Evaluator.Evaluate(gelu, sample, batch);
            Assert.Equal(whole.Accuracy, evaluation.Accuracy);
            Assert.Equal(whole.Loss, evaluation.Loss, whole.Loss * 1e-5);
        }
    }

    [Fact]
    public void EveryPlotIsA1600By1000PngAndAnSvgWithOneSeriesPerActivation()
    {
        run.AssertSucceeded();
        var legend = Activations.Select(a => ActivationRegistry.Parse(a).DisplayName).ToList();
        Assert.Equal(["ReLU", "GELU (tanh)"], legend);
        foreach (var (name, title) in new[] { ("val_accuracy", "Validation accuracy"), ("val_loss", "Validation loss"), ("train_loss", "Training loss") })
        {
            Assert.Equal((1600, 1000), PngFile.AssertValid(run.File(name + ".png")));
            var svg = SvgChart.Read(run.File(name + ".svg"));
            Assert.Equal(legend, svg.Names);
            Assert.All(svg.Series, s => Assert.Equal((1, false), (s.Points, s.Band)));
            Assert.StartsWith(title + " — MNIST, 2,000 training images", svg.Title);
            Assert.Equal("1600", svg.Width);
            Assert.NotEqual(svg.Series[0].Color, svg.Series[1].Color);
        }
        // The accuracy axis shows both points.
        var accuracy = SvgChart.Read(run.File("val_accuracy.svg"));
        Assert.All(run.Rows, r => Assert.InRange(r.ValAccuracy, accuracy.YMin, accuracy.YMax));
        Assert.Null(accuracy.Note);
    }

    private static DatasetSplit EveryTenth(DatasetSplit split)
    {
        using var indices = arange(0, split.Count, 10, ScalarType.Int64);
        return new DatasetSplit(split.Pixels.index_select(0, indices), split.Labels.index_select(0, indices), split.Normalization);
    }

    private TutorialCnn LoadModel(string activation) => ModelWeights.Load(run.File(Path.Combine("models", $"{activation}-seed1.weights")), activation);
}
