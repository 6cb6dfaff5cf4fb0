using System.Globalization;
using System.Text;
using MnistCompare.Evaluation;
using MnistCompare.Model;
using MnistCompare.Training;

namespace MnistCompare.Reporting;

// summary.md: the table people read first, then which of its differences the seeds support.
public static class SummaryMarkdown
{
    public const string FileName = "summary.md";

    // `runs`: for curves merged from runs with different settings (plot --label-runs), one line per run in place of
    // the one description.
    public static string Format(RunSettings settings, IReadOnlyList<ActivationSummary> rows, string? status = null,
        IReadOnlyList<ActivationEvaluation>? evaluations = null, IReadOnlyList<string>? runs = null)
    {
        var text = new StringBuilder();
        text.AppendLine("# MnistCompare summary");
        text.AppendLine();
        if (runs is null)
        {
            text.AppendLine(Describe(settings));
        }
        else
        {
            text.AppendLine("Each row is one activation of one run, named \"activation · run\"; the runs:");
            text.AppendLine();
            foreach (var run in runs) text.AppendLine($"- {run}");
        }
        if (status is not null)
        {
            text.AppendLine();
            text.AppendLine(status);
        }
        text.AppendLine();
        var holdout = rows.Any(r => r.TestAccuracy is not null);
        text.Append("| Activation | Best val acc | Final val acc | Final val loss | s/epoch | Parameters | Diverged |");
        text.AppendLine(holdout ? " Test acc |" : "");
        text.Append("|---|---:|---:|---:|---:|---:|---|");
        text.AppendLine(holdout ? "---:|" : "");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {LegendNames.Of(row.Activation)} | {Percent(row.BestValAccuracy)} | {Percent(row.FinalValAccuracy)} | {Loss(row.FinalValLoss)} | " +
                $"{Seconds(row.SecondsPerEpoch)} | {row.ParameterCount:N0} | {(row.Divergences.Count == 0 ? "no" : "yes: " + string.Join("; ", row.Divergences))} |");
            text.AppendLine(holdout ? $" {(row.TestAccuracy is { } t ? Percent(t) : "")} |" : "");
        }
        if (settings.Seeds > 1)
        {
            text.AppendLine();
            text.AppendLine($"Values are means over {SeedsBehind(settings, rows)} with their 95% confidence interval [low, high] " +
                            "(Student t with one degree of freedom fewer than the seeds; s/epoch is a plain mean).");
        }
        var comparisons = PairwiseComparisons.Compare(rows);
        if (rows.Count > 0 && rows.Any(r => r.Divergences.Count == 0))
        {
            var best = rows.Where(r => r.FinalValAccuracy.Count > 0).MaxBy(r => r.FinalValAccuracy.Mean);
            if (best is not null)
            {
                text.AppendLine();
                text.AppendLine(Highest(best, comparisons));
            }
        }
        text.AppendLine();
        text.AppendLine("## Which differences hold");
        text.AppendLine();
        foreach (var line in ComparisonSentences.Describe(rows, comparisons)) text.AppendLine(line);
        if (settings.Seeds > 1) text.AppendLine().AppendLine($"Every pair, with its difference and both p-values, is in {ComparisonsCsv.FileName}.");
        if (evaluations is { Count: > 0 })
        {
            text.AppendLine();
            text.Append(EvaluationMarkdown.Section(evaluations));
        }
        return text.ToString();
    }

    // A run still training (or merged from runs of other seed counts) has rows over fewer seeds than planned: say which.
    private static string SeedsBehind(RunSettings settings, IReadOnlyList<ActivationSummary> rows)
    {
        var fewer = rows.Where(r => r.Seeds != settings.Seeds).Select(r => $"{LegendNames.Of(r.Activation)}: {r.Seeds} of {settings.Seeds}").ToList();
        if (fewer.Count == 0) return $"{settings.Seeds} seeds";
        var others = fewer.Count < rows.Count ? $"; the others {settings.Seeds}" : "";
        return $"the seeds each row has ({string.Join("; ", fewer)}{others})";
    }

    // The top mean alone is no verdict: the sentence says at once whether the seeds set it apart from the others.
    private static string Highest(ActivationSummary best, IReadOnlyList<PairComparison> comparisons)
    {
        var head = string.Create(CultureInfo.InvariantCulture,
            $"Highest final validation accuracy: **{LegendNames.Of(best.Activation)}** ({Percent(best.FinalValAccuracy)})");
        var against = comparisons
            .Where(c => c.Metric == ComparedMetric.FinalValidationAccuracy.Key && (c.First == best.Activation || c.Second == best.Activation))
            .ToList();
        if (against.Count == 0) return head + ".";
        if (!against.Any(c => c.Testable)) return head + "; from one seed each, not evidence that it is better (see below).";
        var close = against.Where(c => !c.Significant)
            .Select(c => LegendNames.Of(c.First == best.Activation ? c.Second : c.First))
            .ToList();
        return close.Count == 0
            ? head + "; significantly above every other activation."
            : head + "; the seeds cannot tell it from " + string.Join(", ", close) + ".";
    }

    public static string Describe(RunSettings s)
    {
        var seeds = s.Seeds == 1 ? $"seed {s.Seed}" : $"seeds {s.Seed}–{s.Seed + s.Seeds - 1}";
        var shard = s.Shard is { } part
            ? $" This is {part.Describe()} of the plan: {string.Join(", ", part.Pairs.Select(p => $"{p.Activation} seed {p.Seed}"))}."
            : "";
        var precision = s.Precision == Precision.Bf16 ? ", bfloat16 mixed precision" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"Dataset {s.Dataset}: {Images(s)}; {s.Epochs} epoch{(s.Epochs == 1 ? "" : "s")}, batch {s.BatchSize}, Adam (lr {s.LearningRate}), gradient clipping ±{s.ClipValue}, NLL loss{precision}; {seeds}.{shard}");
    }

    // The counts the run found when it loaded the data; a config.json from before they were recorded says what
    // its settings asked for.
    private static string Images(RunSettings s) => s.Images switch
    {
        { } n when s.Validation == ValidationMode.Test => string.Create(CultureInfo.InvariantCulture,
            $"{n.Train:N0} training images, validation on {n.Validation:N0} test images"),
        { } n => string.Create(CultureInfo.InvariantCulture,
            $"{n.Train:N0} training images, validation on {n.Validation:N0} holdout images, {n.FinalTest:N0} test images at the end"),
        null => (s.TrainLimit is { } limit ? string.Create(CultureInfo.InvariantCulture, $"first {limit:N0} training images") : "every training image") +
                (s.Validation == ValidationMode.Test
                    ? ", validation on the test set"
                    : $", validation on a {RunSettings.HoldoutSize:N0}-image holdout, test set at the end"),
    };

    // "99.12%", or "99.12% [99.01, 99.23]" (the mean over seeds and its 95% confidence interval): the same text here
    // and in the terminal.
    public static string Percent(Statistic s) => s.Count == 0
        ? "–"
        : s.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{s.Mean * 100:F2}% [{s.Interval.Low * 100:F2}, {s.Interval.High * 100:F2}]")
            : string.Create(CultureInfo.InvariantCulture, $"{s.Mean * 100:F2}%");

    // An activation whose every run diverged has no finished epoch to time.
    internal static string Seconds(double perEpoch) =>
        double.IsNaN(perEpoch) ? "–" : perEpoch.ToString("F1", CultureInfo.InvariantCulture);

    public static string Loss(Statistic s) => s.Count == 0
        ? "–"
        : s.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{s.Mean:F4} [{s.Interval.Low:F4}, {s.Interval.High:F4}]")
            : string.Create(CultureInfo.InvariantCulture, $"{s.Mean:F4}");
}
