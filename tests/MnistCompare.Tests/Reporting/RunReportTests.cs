using MnistCompare.Reporting.Charts;
using System.Text.RegularExpressions;
using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;
using MnistCompare.Training;

namespace MnistCompare.Tests.Reporting;

// report.html made from run folders laid out by hand, with the app's own writers where it has them.
public sealed partial class RunReportTests : IDisposable
{
    // Markup in every place a run folder takes text from outside: an activation's name (the summary table, the
    // chart legends, config.json) and the dataset path.
    public const string Hostile = "<script>alert(\"x\")</script> & <b>bold</b>";

    private readonly TempFolder temp = new("mnistcompare-report-");

    public void Dispose() => temp.Dispose();

    private static EpochMetrics Epoch(string activation, int epoch, double accuracy) =>
        new(activation, 1, epoch, 1.0 / epoch, 0.9, 0.5 / epoch, accuracy, 10, false);

    // A run folder as `compare` leaves it, with `activation` as the name of the second activation.
    public static RunFolder WriteRunFolder(string path, string activation)
    {
        var folder = new RunFolder(path);
        Directory.CreateDirectory(folder.Path);
        var settings = new RunSettings { Activations = ["relu", activation], Dataset = "/data/" + Hostile, Epochs = 2 };
        var metrics = new[] { Epoch("relu", 1, 0.9), Epoch("relu", 2, 0.95), Epoch(activation, 1, 0.8), Epoch(activation, 2, 0.85) };
        RunConfigFile.Write(folder.ConfigPath, settings);
        MetricsCsv.Write(folder.MetricsPath, metrics);
        AtomicFile.WriteAllText(folder.SummaryPath, SummaryMarkdown.Format(settings, ActivationSummary.FromMetrics(metrics, _ => 1000)));
        CurvePlots.Render(folder, metrics, settings, PlotSize.Default);
        return folder;
    }

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void TextFromTheFolderIsEscapedWhereverItAppears()
    {
        var folder = WriteRunFolder(temp["run"], Hostile);

        RunReport.Write(folder);
        var html = File.ReadAllText(folder.ReportPath);

        Assert.DoesNotMatch(new Regex("<script|<b>", RegexOptions.IgnoreCase), html);
        const string escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;";
        Assert.Contains($"<td>{escaped}</td>", Section(html, "summary"));
        Assert.Contains($"<td>relu, {escaped}</td>", Section(html, "settings"));
        Assert.Contains($"<td>/data/{escaped}</td>", Section(html, "settings"));
        // In the legends of the three charts (XML escaping: quotes need none in text).
        var figures = Section(html, "figures");
        Assert.Equal(3, Regex.Matches(figures, "<svg").Count);
        Assert.True(Regex.Matches(figures, Regex.Escape("&lt;script&gt;alert(")).Count >= 3, "the legend name is in every chart");
    }

    [Fact]
    public void FiguresComeInTheFixedOrderEachInlineTheSvgPreferredAndTheMissingOnesSkipped()
    {
        var folder = WriteRunFolder(temp["run"], "gelu");
        File.Delete(folder.PlotPath("val_loss", "svg"));
        File.Delete(folder.PlotPath("val_loss", "png"));
        File.Delete(folder.PlotPath("train_loss", "svg"));
        var png = File.ReadAllBytes(folder.PlotPath("train_loss", "png"));
        // Files the other figures will be, out of alphabetical order on purpose; and one this version does not know.
        File.Copy(folder.PlotPath("val_accuracy", "svg"), folder.PlotPath("gradients", "svg"));
        File.WriteAllBytes(folder.PlotPath("mistakes", "png"), png);
        File.Copy(folder.PlotPath("val_accuracy", "svg"), folder.PlotPath("confusion", "svg"));
        File.WriteAllBytes(folder.PlotPath("confusion", "png"), png);
        File.WriteAllBytes(folder.PlotPath("another", "png"), png);

        RunReport.Write(folder);
        var figures = Section(File.ReadAllText(folder.ReportPath), "figures");

        Assert.Equal(["val_accuracy", "train_loss", "confusion", "mistakes", "gradients", "another"],
            FigureId().Matches(figures).Select(m => m.Groups[1].Value));
        var data = "data:image/png;base64," + Convert.ToBase64String(png);
        // train_loss, mistakes and another from their PNGs; confusion from its SVG although it has a PNG too.
        Assert.Equal(3, Regex.Matches(figures, Regex.Escape($"<img src=\"{data}\"")).Count);
        Assert.Equal(3, Regex.Matches(figures, "<svg").Count);
        // Each SVG's ids carry its figure's number, so that the three copies of one chart do not collide.
        Assert.Contains("id=\"f1-", figures);
        Assert.Contains("id=\"f3-", figures);
        Assert.Contains("id=\"f5-", figures);
        Assert.Contains("<a href=\"confusion.svg\">SVG</a>, <a href=\"confusion.png\">PNG</a>", figures);
    }

    [Fact]
    public void AnUnreadableSvgFallsBackToItsPngAndSaysWhy()
    {
        var folder = WriteRunFolder(temp["run"], "gelu");
        File.WriteAllText(folder.PlotPath("val_loss", "svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><g>");

        var figure = Section(RunReport.Html(folder), "figures").Split("<figure").Single(f => f.Contains("id=\"figure-val_loss\""));

        Assert.Contains("<img src=\"data:image/png;base64,", figure);
        Assert.Contains("<p class=\"problem\">val_loss.svg could not be shown: not well-formed XML", figure);
    }

    [Fact]
    public void EveryCsvIsLinkedRelativelyTheKnownOnesFirstThenTheOthersThenEachConfusionMatrix()
    {
        var folder = WriteRunFolder(temp["run"], "gelu");
        foreach (var name in new[] { "diagnostics.csv", "zz extra&.csv", "comparisons.csv", "evaluation.csv" }) File.WriteAllText(Path.Combine(folder.Path, name), "a\n1\n");
        Directory.CreateDirectory(Path.Combine(folder.Path, "confusion"));
        foreach (var name in new[] { "relu-seed1.csv", "gelu-seed1.csv" }) File.WriteAllText(Path.Combine(folder.Path, "confusion", name), "0\n");

        var files = Section(RunReport.Html(folder), "files");

        Assert.Equal(["config.json", "summary.md", "metrics.csv", "evaluation.csv", "comparisons.csv", "diagnostics.csv",
                "zz%20extra%26.csv", "confusion/gelu-seed1.csv", "confusion/relu-seed1.csv"],
            Regex.Matches(files, "<a href=\"([^\"]+)\">").Select(m => m.Groups[1].Value));
        Assert.Contains(">zz extra&amp;.csv</a>", files);
        Assert.DoesNotContain("test.csv", files);
    }

    [Fact]
    public void APageOfARunInProgressSaysHowFarItGotAndReloadsItself()
    {
        var folder = WriteRunFolder(temp["run"], "gelu");

        var watching = RunReport.Html(folder, "1 of 2 activation × seed runs finished");
        var finished = RunReport.Html(folder);

        Assert.Contains("<meta http-equiv=\"refresh\" content=\"60\">", watching);
        Assert.Contains("Still training: 1 of 2 activation", watching);
        Assert.DoesNotContain("refresh", finished);
        Assert.DoesNotContain("Still training", finished);
    }

    [Fact]
    public void AFolderWithoutConfigOrFiguresStillGivesAPage()
    {
        var folder = new RunFolder(temp["empty"]);
        Directory.CreateDirectory(folder.Path);
        File.WriteAllText(folder.ConfigPath, "{ not json");

        RunReport.Write(folder);
        var html = File.ReadAllText(folder.ReportPath);

        Assert.Contains("No summary.md yet.", html);
        Assert.Contains("No figures yet", html);
        Assert.Contains("<p>config.json could not be read: ", Section(html, "settings"));
        Assert.Empty(Directory.GetFiles(folder.Path, ".*.tmp"));
    }

    [GeneratedRegex("<figure id=\"figure-([^\"]+)\">")]
    private static partial Regex FigureId();
}
