using CustomActivations;
using MnistCompare.Evaluation;
using MnistCompare.Reporting.Charts;
using MnistCompare.Training;

namespace MnistCompare.Reporting;

// The three figures of a comparison, drawn from metrics.csv rows: validation accuracy, validation loss and
// training loss per epoch, one colour per activation, the mean over seeds with its 95% confidence interval as a band
// when there are several.
public static class CurvePlots
{
    public static readonly IReadOnlyList<string> Names = new[] { "val_accuracy", "val_loss", "train_loss" };

    public static IReadOnlyList<(string Name, LineChart Chart)> Build(IReadOnlyList<EpochMetrics> metrics, string datasetDescription)
    {
        var healthy = metrics.Where(m => !m.Diverged).ToList();
        var activations = metrics.Select(m => m.Activation).Distinct().ToList();
        var seeds = healthy.Select(m => m.Seed).Distinct().Count();
        LineChart Chart(string title, string yLabel, Func<EpochMetrics, double> value, YRangePolicy policy, LegendPosition legend) =>
            new($"{title} — {datasetDescription}", "Epoch", yLabel, activations.Select((a, i) => MakeSeries(a, i, healthy, value)).ToList())
            {
                YRangePolicy = policy,
                Legend = legend,
                ShowMarkers = healthy.Select(m => m.Epoch).DefaultIfEmpty().Max() <= 12,
                BandLabel = ConfidenceInterval.BandLabel(seeds),
            };

        return new[]
        {
            ("val_accuracy", Chart("Validation accuracy", "Accuracy", m => m.ValAccuracy, YRangePolicy.Accuracy, LegendPosition.BottomRight)),
            ("val_loss", Chart("Validation loss", "NLL loss", m => m.ValLoss, YRangePolicy.Loss, LegendPosition.TopRight)),
            ("train_loss", Chart("Training loss", "NLL loss", m => m.TrainLoss, YRangePolicy.Loss, LegendPosition.TopRight)),
        };
    }

    public static void Render(RunFolder folder, IReadOnlyList<EpochMetrics> metrics, RunSettings settings)
    {
        foreach (var (name, chart) in Build(metrics, Subtitle(settings)))
        {
            ChartRenderer.RenderPng(chart, folder.PlotPath(name, "png"));
            ChartRenderer.RenderSvg(chart, folder.PlotPath(name, "svg"));
        }
    }

    // What the curves were measured on, for the figure titles: "MNIST, 2,000 training images, validation on the test set".
    public static string Subtitle(RunSettings s)
    {
        var dataset = s.Dataset switch
        {
            "mnist" => "MNIST",
            "fashion" => "Fashion-MNIST",
            var path => Path.GetFileName(Path.TrimEndingDirectorySeparator(path)),
        };
        var images = s.TrainLimit is { } n ? $", {n:N0} training images" : "";
        var validation = s.Validation == ValidationMode.Test ? "test set" : "holdout";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{dataset}{images}, validation on the {validation}");
    }

    private static Series MakeSeries(string activation, int index, IReadOnlyList<EpochMetrics> metrics, Func<EpochMetrics, double> value)
    {
        var byEpoch = metrics.Where(m => m.Activation == activation).GroupBy(m => m.Epoch).OrderBy(g => g.Key).ToList();
        var points = byEpoch.Select(g => new SeriesPoint(g.Key, g.Average(value))).ToList();
        var seeds = metrics.Where(m => m.Activation == activation).Select(m => m.Seed).Distinct().Count();
        var band = seeds > 1 ? byEpoch.Select(g => Band(g.Key, g.Select(value).ToList())).ToList() : null;
        return new Series(LegendName(activation), Palette.At(index), points, band);
    }

    // The 95% confidence interval of the epoch's mean; an epoch that only one seed reached has no interval, so its
    // band collapses onto the line there rather than claim a spread nobody measured.
    private static BandPoint Band(int epoch, IReadOnlyList<double> values)
    {
        if (values.Count < 2) return new BandPoint(epoch, values[0], values[0]);
        var interval = ConfidenceInterval.OfMean(values);
        return new BandPoint(epoch, interval.Low, interval.High);
    }

    internal static string LegendName(string activation)
    {
        try
        {
            return ActivationRegistry.Parse(activation).DisplayName;
        }
        catch (ArgumentException)
        {
            return activation;
        }
    }
}
