using System.Globalization;
using System.Text;
using MnistCompare.Model;
using MnistCompare.Training;

namespace MnistCompare.Reporting;

// summary.md: the table people read first.
public static class SummaryMarkdown
{
    public const string FileName = "summary.md";

    public static string Format(RunSettings settings, IReadOnlyList<ActivationSummary> rows, string? status = null)
    {
        var text = new StringBuilder();
        text.AppendLine("# MnistCompare summary");
        text.AppendLine();
        text.AppendLine(Describe(settings));
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
                $"| {row.Activation} | {Percent(row.BestValAccuracy)} | {Percent(row.FinalValAccuracy)} | {Loss(row.FinalValLoss)} | " +
                $"{Seconds(row.SecondsPerEpoch)} | {row.ParameterCount:N0} | {(row.Divergences.Count == 0 ? "no" : "yes: " + string.Join("; ", row.Divergences))} |");
            text.AppendLine(holdout ? $" {(row.TestAccuracy is { } t ? Percent(t) : "")} |" : "");
        }
        if (settings.Seeds > 1)
        {
            text.AppendLine();
            text.AppendLine($"Values are means over {settings.Seeds} seeds, ± their standard deviation.");
        }
        if (rows.Count > 0 && rows.Any(r => r.Divergences.Count == 0))
        {
            var best = rows.Where(r => r.FinalValAccuracy.Count > 0).MaxBy(r => r.FinalValAccuracy.Mean);
            if (best is not null)
            {
                text.AppendLine();
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"Highest final validation accuracy: **{best.Activation}** ({Percent(best.FinalValAccuracy)})."));
            }
        }
        return text.ToString();
    }

    public static string Describe(RunSettings s)
    {
        var validation = s.Validation == ValidationMode.Test ? "validation on the test set" : $"validation on a {RunSettings.HoldoutSize:N0}-image holdout, test set at the end";
        var limit = s.TrainLimit is { } n ? $", first {n:N0} training images" : "";
        var seeds = s.Seeds == 1 ? $"seed {s.Seed}" : $"seeds {s.Seed}–{s.Seed + s.Seeds - 1}";
        var precision = s.Precision == Precision.Bf16 ? ", bfloat16 mixed precision" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"Dataset {s.Dataset}{limit}; {s.Epochs} epoch{(s.Epochs == 1 ? "" : "s")}, batch {s.BatchSize}, Adam (lr {s.LearningRate}), gradient clipping ±{s.ClipValue}, NLL loss{precision}; {validation}; {seeds}.");
    }

    private static string Percent(Statistic s) => s.Count == 0
        ? "–"
        : s.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{s.Mean * 100:F2}% ± {s.StandardDeviation * 100:F2}")
            : string.Create(CultureInfo.InvariantCulture, $"{s.Mean * 100:F2}%");

    // An activation whose every run diverged has no finished epoch to time.
    internal static string Seconds(double perEpoch) =>
        double.IsNaN(perEpoch) ? "–" : perEpoch.ToString("F1", CultureInfo.InvariantCulture);

    private static string Loss(Statistic s) => s.Count == 0
        ? "–"
        : s.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{s.Mean:F4} ± {s.StandardDeviation:F4}")
            : string.Create(CultureInfo.InvariantCulture, $"{s.Mean:F4}");
}
