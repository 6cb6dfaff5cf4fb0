using System.Text.RegularExpressions;
using MnistCompare.Reporting;
using MnistCompare.Tests.Circles;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Reporting;

// report.html of a real run (the shared relu + gelu comparison), checked as a file and then as Chromium sees it.
// In AppCollection: Chromium takes both cores for a few seconds, and the run is the collection's shared one.
[Collection(AppCollection.Name)]
public sealed class ReportInBrowserTests : IDisposable
{
    private const int Width = 1280;
    private const int Height = 2000;

    private readonly CompletedRun run;
    private readonly TempFolder temp = new("mnistcompare-report-browser-");

    public ReportInBrowserTests(SharedRuns runs) => run = runs.Comparison;

    public void Dispose() => temp.Dispose();

    private string Report => run.File(RunReport.FileName);

    [Fact]
    public void HoldsTheSummaryAndEveryFigureOfTheFolderInline()
    {
        run.AssertSucceeded();
        var html = File.ReadAllText(Report);

        foreach (var activation in new[] { "ReLU", "GELU (tanh)" })
        {
            var cells = Assert.Single(RunFiles.SummaryRows(run.File("summary.md"), activation));
            Assert.Matches($"<td>{Regex.Escape(activation)}</td>\\s*<td[^>]*>{Regex.Escape(cells[1])}</td>\\s*<td[^>]*>{Regex.Escape(cells[2])}</td>", html);
        }
        var pictures = Directory.GetFiles(run.Folder, "*.svg").Concat(Directory.GetFiles(run.Folder, "*.png"))
            .Select(Path.GetFileNameWithoutExtension).OfType<string>().Distinct().ToList();
        Assert.Superset(new HashSet<string> { "val_accuracy", "val_loss", "train_loss" }, pictures.ToHashSet());
        var figures = html.Split("<figure id=\"figure-").Skip(1).ToDictionary(f => f[..f.IndexOf('"')]);
        Assert.Equal(pictures.Order(), figures.Keys.Order());
        foreach (var name in pictures)
        {
            if (File.Exists(run.File(name + ".svg"))) Assert.Contains("<svg", figures[name]);
            else Assert.Contains("data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(run.File(name + ".png"))), figures[name]);
        }
        Assert.Contains("<a href=\"metrics.csv\">", html);
        Assert.DoesNotContain("Still training", html);
    }

    [Fact]
    public void LoadsInChromiumWithoutAnErrorOrARequestAndHasItsFigures()
    {
        run.AssertSucceeded();

        var dom = HeadlessChromium.DumpDom(Report);

        Assert.True(dom.ExitCode == 0, $"chromium exit {dom.ExitCode}: {dom.Log}");
        // With this policy in force every reference to anything outside the page would be refused and logged.
        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ReportStyle.ContentSecurityPolicy}\">", dom.Output);
        Assert.Empty(dom.PageProblems);
        var svgs = Directory.GetFiles(run.Folder, "*.svg").Length;
        Assert.Equal(svgs, Regex.Matches(dom.Output, "<svg[ >]").Count);
        Assert.Contains("<td>GELU (tanh)</td>", dom.Output);
    }

    [Fact]
    public void AScreenshotHasTheWindowSizeAndShowsText()
    {
        run.AssertSucceeded();
        var png = temp["report.png"];

        var shot = HeadlessChromium.Screenshot(Report, png, Width, Height);

        Assert.True(shot.ExitCode == 0, $"chromium exit {shot.ExitCode}: {shot.Log}");
        Assert.Empty(shot.PageProblems);
        var pixels = PngPixels.Read(png);
        Assert.Equal((Width, Height), (pixels.Width, pixels.Height));
        var colours = new HashSet<(byte, byte, byte)>();
        var ink = 0;
        for (var y = 0; y < pixels.Height; y += 2)
        {
            for (var x = 0; x < pixels.Width; x += 2)
            {
                var pixel = pixels[x, y];
                colours.Add(pixel);
                if (pixel.R + pixel.G + pixel.B < 600) ink++;
            }
        }
        // Text, table rules, two coloured curves and their anti-aliasing: hundreds of colours on a blank-free page.
        Assert.True(colours.Count > 200, $"only {colours.Count} distinct colours");
        Assert.True(ink > pixels.Width * pixels.Height / 4 / 200, $"only {ink} dark pixels of {pixels.Width * pixels.Height / 4}");
    }

    [Fact]
    public void MarkupFromTheRunFolderStaysTextInTheBrowser()
    {
        var folder = RunReportTests.WriteRunFolder(temp["hostile"], RunReportTests.Hostile);
        RunReport.Write(folder);

        var dom = HeadlessChromium.DumpDom(folder.ReportPath);

        Assert.Empty(dom.PageProblems);
        Assert.DoesNotContain("<script", dom.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", dom.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;", dom.Output);
    }
}
