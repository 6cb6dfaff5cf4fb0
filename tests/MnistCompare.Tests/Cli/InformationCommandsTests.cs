using System.Text.RegularExpressions;
using CustomActivations;
using MnistCompare.Tests.Charts;

namespace MnistCompare.Tests.Cli;

// The commands that tell rather than train: --help, list, activations.
[Collection(AppCollection.Name)]
public sealed class InformationCommandsTests
{
    private readonly SharedRuns runs;

    public InformationCommandsTests(SharedRuns runs) => this.runs = runs;

    [Fact]
    public void HelpListsTheCommandsAndExitsZero()
    {
        var result = AppRunner.Succeeds("--help");
        var commands = result.OutLines.SkipWhile(l => l != "Commands:").Skip(1)
            .Select(l => l.TrimStart().Split(' ')[0]).ToList();
        Assert.Equal(["compare", "plot", "activations", "list", "circles"], commands);
        Assert.Contains(result.OutLines, l => l.TrimStart().StartsWith("--train-limit", StringComparison.Ordinal));
    }

    [Fact]
    public void ListPrintsEveryRegisteredActivation()
    {
        var result = AppRunner.Succeeds("list");
        foreach (var name in ActivationRegistry.Names)
        {
            // At the start of a table cell (the usage may wrap after the name: "leaky-relu[" / ":<slope>]").
            Assert.Matches(new Regex($@"[│|] {Regex.Escape(name)}[\s\[]"), result.Out);
        }
        Assert.Contains(ActivationRegistry.Grammar.Split('\n')[0].TrimEnd('\r'), result.OutLines);
    }

    [Fact]
    public void ActivationsDrawsTheFunctionsAndTheirDerivatives()
    {
        var folder = runs.NewPath("activations");

        var result = AppRunner.Succeeds("activations", "--out", folder);

        var drawn = ActivationRegistry.Names.Except(["softmax", "maxout"]).Select(n => ActivationRegistry.Parse(n).DisplayName).ToList();
        foreach (var name in new[] { "activations", "activation_derivatives" })
        {
            Assert.Equal((1600, 1000), PngFile.AssertValid(Path.Combine(folder, name + ".png")));
            var svg = SvgChart.Read(Path.Combine(folder, name + ".svg"));
            Assert.Equal(drawn, svg.Names);
            Assert.All(svg.Series, s => Assert.Equal(401, s.Points));
            // More curves than colours: the legend, outside the data area, names every one as text.
            Assert.True(drawn.Count > MnistCompare.Reporting.Charts.HouseStyle.Palette.Count);
            Assert.All(drawn, name => Assert.Contains(name, svg.Texts));
        }
        Assert.Contains("Not element-wise, so not drawn: softmax, maxout.", result.OutLines);
        Assert.Empty(RunFiles.TemporaryFiles(folder));
    }

    [Fact]
    public void ActivationsTablesKeepEveryNumberOnItsLineAndNeverPrintMinusZero()
    {
        var result = AppRunner.Succeeds("activations", "--out", runs.NewPath("activation-tables"));

        var drawn = ActivationRegistry.Names.Except(["softmax", "maxout"]).Select(n => ActivationRegistry.Parse(n).DisplayName).ToList();
        // Two tables (f and f′), each with one line per activation holding its name and its nine numbers.
        foreach (var name in drawn)
        {
            var rows = result.OutLines.Where(l => l.StartsWith($"│ {name} ", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, rows.Count);
            Assert.All(rows, row =>
            {
                var cells = row.Trim('│').Split('│').Select(c => c.Trim()).ToArray();
                Assert.Equal(10, cells.Length);
                Assert.All(cells.Skip(1), c => Assert.Matches(@"^-?[0-9]+(\.[0-9]+)?$", c));
                Assert.DoesNotContain("-0", cells.Skip(1));
            });
        }
        // GELU at −5 is −1.4e-6: printed as 0.
        Assert.Equal("0", result.OutLines.First(l => l.StartsWith("│ GELU (tanh) ", StringComparison.Ordinal)).Split('│')[2].Trim());
    }

    [Theory]
    [InlineData("maxout")]
    [InlineData("maxout:3,softmax")]
    public void ActivationsRefusesWhenNothingAskedForCanBeDrawn(string names)
    {
        var folder = runs.NewPath("not-drawn");
        var error = AppRunner.FailsWithOneLine(2, "activations", "-a", names, "--out", folder);
        Assert.Contains("cannot be drawn: not element-wise", error);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void ActivationsDrawsOnlyTheOnesAskedFor()
    {
        var folder = runs.NewPath("two-activations");
        AppRunner.Succeeds("activations", "-a", "relu,leaky-relu:0.2", "--out", folder);
        Assert.Equal(["ReLU", "Leaky ReLU (0.2)"], SvgChart.Read(Path.Combine(folder, "activations.svg")).Names);
    }

    [Fact]
    public void ActivationsDrawsAtTheAskedPlotSize()
    {
        var folder = runs.NewPath("sized-activations");
        AppRunner.Succeeds("activations", "-a", "relu", "--out", folder, "--plot-size", "800x500");
        Assert.Equal((800, 500), PngFile.AssertValid(Path.Combine(folder, "activations.png")));
        Assert.Equal("800", SvgChart.Read(Path.Combine(folder, "activations.svg")).Width);
    }

    [Theory]
    [InlineData("activations", "12", "got '12'")]
    [InlineData("circles", "10x10", "320–8000 pixels wide")]
    [InlineData("plot", "wide", "got 'wide'")]
    [InlineData("compare", "1600x", "got '1600x'")]
    public void ABadPlotSizeIsOneLineAndExitTwo(string command, string size, string expected)
    {
        string[] args = command == "plot" ? ["plot", runs.NewPath("no-run"), "--plot-size", size] : [command, "--plot-size", size, "--out", runs.NewPath("bad-size")];
        var line = AppRunner.FailsWithOneLine(2, args);
        Assert.StartsWith("error: --plot-size:", line);
        Assert.Contains(expected, line);
    }
}
