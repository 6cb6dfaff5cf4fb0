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


    public static IReadOnlyList<(string Name, LineChart Chart)> Build(IReadOnlyList<EpochMetrics> metrics, RunSettings settings,
        Func<int, string>? bandDescription = null) =>
        Build(metrics, Subtitle(settings), DataDescription(settings), bandDescription);

    public static IReadOnlyList<(string Name, LineChart Chart)> Build(IReadOnlyList<EpochMetrics> metrics, string validated, string measured,
        Func<int, string>? bandDescription = null)
    {
        var healthy = metrics.Where(m => !m.Diverged).ToList();
        // The activation's place in the run gives its colour, the same in every figure of the run.
        var activations = metrics.Select(m => m.Activation).Distinct().ToList();
        var seeds = metrics.GroupBy(m => m.Activation).Select(g => g.Select(m => m.Seed).Distinct().Count()).DefaultIfEmpty(1).Max();
        LineChart Chart(string title, string yLabel, Func<EpochMetrics, double> value, YRangePolicy policy) =>
            new(title, "Epoch", yLabel, activations.Select((a, i) => MakeSeries(a, i, metrics, healthy, value)).ToList())
            {
                YRangePolicy = policy,
                ShowMarkers = healthy.Select(m => m.Epoch).DefaultIfEmpty().Max() <= 12,
                BandDescription = (bandDescription ?? ConfidenceInterval.BandLabel)(seeds),
            };

        return new[]
        {
            ("val_accuracy", Chart($"Validation accuracy — {validated}", "Accuracy", m => m.ValAccuracy, YRangePolicy.Accuracy)),
            ("val_loss", Chart($"Validation loss — {validated}", "NLL loss", m => m.ValLoss, YRangePolicy.Loss)),
            // Training loss is measured on the training images only; the validation set has no say in it.
            ("train_loss", Chart($"Training loss — {measured}", "NLL loss", m => m.TrainLoss, YRangePolicy.Loss)),
        };
    }

    public static void Render(RunFolder folder, IReadOnlyList<EpochMetrics> metrics, RunSettings settings, PlotSize size) =>
        Render(folder, metrics, Subtitle(settings), DataDescription(settings), size);

    // `validated` describes the validation curves' data, `measured` the training loss's; runs merged under
    // --label-runs have no one description, so the caller names the runs instead.
    public static void Render(RunFolder folder, IReadOnlyList<EpochMetrics> metrics, string validated, string measured, PlotSize size)
    {
        foreach (var (name, chart) in Build(metrics, validated, measured))
            LineChartPlot.Save(chart, folder.PlotPath(name, "png"), folder.PlotPath(name, "svg"), size);
    }

    // What the curves were measured on, for the figure titles: "MNIST, 2,000 training images, validation on 10,000 test
    // images" (the counts the run recorded; a config.json from before they were recorded says what it asked for).
    public static string Subtitle(RunSettings s)
    {
        var kind = s.Validation == ValidationMode.Test ? "test" : "holdout";
        if (s.Images is { } counts)
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{DataDescription(s)}, validation on {counts.Validation:N0} {kind} images");
        return $"{DataDescription(s)}, validation on the {(s.Validation == ValidationMode.Test ? "test set" : "holdout")}";
    }

    // The training data alone: "MNIST, 2,000 training images".
    public static string DataDescription(RunSettings s)
    {
        var dataset = s.Dataset switch
        {
            "mnist" => "MNIST",
            "fashion" => "Fashion-MNIST",
            var path => Path.GetFileName(Path.TrimEndingDirectorySeparator(path)),
        };
        var train = s.Images?.Train ?? s.TrainLimit;
        var images = train is { } n ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", {n:N0} training images") : "";
        return dataset + images;
    }

    private static Series MakeSeries(string activation, int index, IReadOnlyList<EpochMetrics> all, IReadOnlyList<EpochMetrics> healthy,
        Func<EpochMetrics, double> value)
    {
        var byEpoch = healthy.Where(m => m.Activation == activation).GroupBy(m => m.Epoch).OrderBy(g => g.Key).ToList();
        var points = byEpoch.Select(g => new SeriesPoint(g.Key, g.Average(value))).ToList();
        var seeds = all.Where(m => m.Activation == activation).Select(m => m.Seed).Distinct().Count();
        var band = seeds > 1 ? byEpoch.Select(g => Band(g.Key, g.Select(value).ToList())).ToList() : null;
        var diverged = all.Where(m => m.Activation == activation && m.Diverged).Select(m => m.Seed).Distinct().Count();
        return new Series(LegendName(activation), index, points, band)
        {
            LegendNote = diverged == 0 ? null : diverged == seeds ? "diverged" : $"{diverged} of {seeds} seeds diverged",
        };
    }

    // The 95% confidence interval of the mean over the seeds that reached this epoch.
    private static BandPoint Band(int epoch, IReadOnlyList<double> values)
    {
        if (values.Count < 2) return new BandPoint(epoch, values[0], values[0]);
        var interval = ConfidenceInterval.OfMean(values);
        return new BandPoint(epoch, interval.Low, interval.High);
    }

    private static string LegendName(string activation) => LegendNames.Of(activation);
}
