using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;
using MnistCompare.Training;

namespace MnistCompare.Tests.Reporting;

public sealed class SummaryMarkdownTests
{
    private static readonly RunSettings Settings = new() { Activations = ["relu", "gelu"], Epochs = 3, TrainLimit = 2000, LearningRate = 0.001 };

    private static ActivationSummary Row(string activation, double final, int seeds = 1, IReadOnlyList<string>? divergences = null,
        Statistic? test = null, double seconds = 12.34) =>
        new(activation, seeds, 3, Statistic.Of([final + 0.01]), seeds == 1 ? Statistic.Of([final]) : Statistic.Of([final - 0.01, final + 0.01]),
            Statistic.Of([0.0712345]), seconds, 1_199_882, divergences ?? [], test);

    [Fact]
    public void HasADescriptionAndATableRowPerActivation()
    {
        var text = SummaryMarkdown.Format(Settings, [Row("relu", 0.9712), Row("gelu", 0.9801)]);
        var lines = text.Split(Environment.NewLine);

        Assert.Equal("# MnistCompare summary", lines[0]);
        Assert.Contains("Dataset mnist: first 2,000 training images, validation on the test set; 3 epochs, batch 128, Adam (lr 0.001), " +
                        "gradient clipping ±0.5, NLL loss; seed 1.", lines);
        Assert.Contains("| Activation | Best val acc | Final val acc | Final val loss | s/epoch | Parameters | Diverged |", lines);
        // The legend names of the figures, not the command-line names.
        Assert.Contains("| ReLU | 98.12% | 97.12% | 0.0712 | 12.3 | 1,199,882 | no |", lines);
        Assert.Contains("| GELU (tanh) | 99.01% | 98.01% | 0.0712 | 12.3 | 1,199,882 | no |", lines);
        Assert.Contains("Highest final validation accuracy: **GELU (tanh)** (98.01%); from one seed each, not evidence that it is better (see below).", lines);
        Assert.DoesNotContain("In progress", text);
    }

    [Fact]
    public void TheHighestSaysWhetherTheSeedsSetItApart()
    {
        // Three seeds each: relu and gelu about 0.1 point apart, sigmoid 5 points below both.
        ActivationSummary Seeded(string activation, params double[] finals) =>
            new(activation, finals.Length, 3, Statistic.Of(finals), Statistic.Of(finals), Statistic.Of([0.07, 0.07, 0.07]), 10, 1_199_882, [], null);
        var settings = Settings with { Seeds = 3, Activations = ["relu", "gelu", "sigmoid"] };
        var relu = Seeded("relu", 0.9810, 0.9790, 0.9800);
        var gelu = Seeded("gelu", 0.9820, 0.9800, 0.9810);
        var sigmoid = Seeded("sigmoid", 0.9310, 0.9290, 0.9300);

        var close = SummaryMarkdown.Format(settings, [relu, gelu, sigmoid]).Split(Environment.NewLine);
        Assert.Contains(close, l => l.StartsWith("Highest final validation accuracy: **GELU (tanh)** (98.10% [", StringComparison.Ordinal) &&
                                    l.EndsWith("; the seeds cannot tell it from ReLU.", StringComparison.Ordinal));

        var apart = SummaryMarkdown.Format(settings with { Activations = ["gelu", "sigmoid"] }, [gelu, sigmoid]).Split(Environment.NewLine);
        Assert.Contains(apart, l => l.StartsWith("Highest final validation accuracy: **GELU (tanh)**", StringComparison.Ordinal) &&
                                    l.EndsWith("; significantly above every other activation.", StringComparison.Ordinal));
    }

    [Fact]
    public void SeveralSeedsShowTheSpread()
    {
        var text = SummaryMarkdown.Format(Settings with { Seeds = 3 }, [Row("relu", 0.97, seeds: 2)]);
        var row = Assert.Single(text.Split(Environment.NewLine), l => l.StartsWith("| ReLU |", StringComparison.Ordinal));
        // 96% and 98%: standard error 1 point, t(0.975, 1 df) = 12.706.
        Assert.Contains("| 97.00% [84.29, 109.71] |", row);
        // Two of the three planned seeds (a run still training): the sentence must not claim three.
        Assert.Contains("Values are means over the seeds each row has (ReLU: 2 of 3) with their 95% confidence interval [low, high]", text);
        var partly = SummaryMarkdown.Format(Settings with { Seeds = 3 }, [Row("relu", 0.97, seeds: 2), Row("gelu", 0.98, seeds: 3)]);
        Assert.Contains("Values are means over the seeds each row has (ReLU: 2 of 3; the others 3) with", partly);
        Assert.Contains("seeds 1–3.", text);

        var complete = SummaryMarkdown.Format(Settings with { Seeds = 2 }, [Row("relu", 0.97, seeds: 2), Row("gelu", 0.98, seeds: 2)]);
        Assert.Contains("Values are means over 2 seeds with their 95% confidence interval [low, high]", complete);
    }

    [Fact]
    public void DivergencesAndStatusAreSaid()
    {
        var diverged = new ActivationSummary("relu", 1, 1, Statistic.Of([]), Statistic.Of([]), Statistic.Of([]), double.NaN, 10,
            ["seed 1 at epoch 1"], null);

        var text = SummaryMarkdown.Format(Settings, [diverged, Row("gelu", 0.9)], "In progress: 1 of 2 activation × seed runs have started.");

        Assert.Contains("| ReLU | – | – | – | – | 10 | yes: seed 1 at epoch 1 |", text.Split(Environment.NewLine));
        Assert.Contains("In progress: 1 of 2", text);
        Assert.Contains("**GELU (tanh)**", text);
        Assert.DoesNotContain("NaN", text);
    }

    [Fact]
    public void AHoldoutRunGetsATestColumn()
    {
        var text = SummaryMarkdown.Format(Settings with { Validation = ValidationMode.Holdout },
            [Row("relu", 0.97, test: Statistic.Of([0.9666])), Row("gelu", 0.98)]);
        var lines = text.Split(Environment.NewLine);
        Assert.Contains(lines, l => l.EndsWith("| Diverged | Test acc |", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| ReLU |", StringComparison.Ordinal) && l.EndsWith("| no | 96.66% |", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| GELU (tanh) |", StringComparison.Ordinal) && l.EndsWith("| no |  |", StringComparison.Ordinal));
        Assert.Contains("validation on a 10,000-image holdout, test set at the end", text);
    }

    [Fact]
    public void WrittenFileIsReadableByTheTestsTableReader()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["summary.md"], SummaryMarkdown.Format(Settings, [Row("leaky-relu:0.2", 0.97)]));
        Assert.Equal("97.00%", Assert.Single(RunFiles.SummaryRows(folder["summary.md"], "Leaky ReLU (0.2)"))[2]);
    }

    [Theory]
    [InlineData(ValidationMode.Test, 2000, 500, null, "Dataset mnist: 2,000 training images, validation on 500 test images; 3 epochs")]
    [InlineData(ValidationMode.Holdout, 300, 10_000, 10_000,
        "Dataset mnist: 300 training images, validation on 10,000 holdout images, 10,000 test images at the end; 3 epochs")]
    public void TheDescriptionStatesTheImageCountsTheRunFound(ValidationMode validation, int train, int validated, int? test, string expected) =>
        Assert.StartsWith(expected, SummaryMarkdown.Describe(Settings with { Validation = validation, Images = new ImageCounts(train, validated, test) }));
}
