using MnistCompare.Evaluation;
using MnistCompare.Reporting;
using MnistCompare.Training;

namespace MnistCompare.Tests.Evaluation;

public sealed class ComparisonSentencesTests
{
    private static ActivationSummary Row(string activation, params double[] finalAccuracies) =>
        new(activation, finalAccuracies.Length, 1, Statistic.Of(finalAccuracies), Statistic.Of(finalAccuracies), Statistic.Of(finalAccuracies.Select(a => 1 - a)),
            10, 1000, [], null);

    [Fact]
    public void OneSeedClaimsNoComparison()
    {
        IReadOnlyList<ActivationSummary> rows = [Row("sigmoid", 0.11), Row("relu", 0.98)];
        var sentences = string.Join("\n", ComparisonSentences.Describe(rows, PairwiseComparisons.Compare(rows)));
        Assert.Contains("no comparison can be made", sentences);
        Assert.DoesNotContain("better than", sentences);
        Assert.All(PairwiseComparisons.Compare(rows), c => Assert.False(c.Testable));

        var summary = SummaryMarkdown.Format(new RunSettings { Activations = ["sigmoid", "relu"] }, rows);
        Assert.Contains("no comparison can be made", summary);
        Assert.DoesNotContain("better than", summary);
    }

    [Fact]
    public void EachComparedMetricStartsAParagraphOfItsOwnInTheSummary()
    {
        IReadOnlyList<ActivationSummary> rows =
        [
            Row("sigmoid", 0.90, 0.905, 0.895) with { TestAccuracy = Statistic.Of([0.89, 0.90, 0.895]) },
            Row("relu", 0.980, 0.985, 0.975) with { TestAccuracy = Statistic.Of([0.98, 0.982, 0.979]) },
        ];
        var summary = SummaryMarkdown.Format(new RunSettings { Activations = ["sigmoid", "relu"], Seeds = 3 }, rows);
        var html = Markdig.Markdown.ToHtml(summary);

        Assert.Contains("<p>On <strong>final validation accuracy</strong>", html);
        Assert.Contains("<p>On <strong>test accuracy</strong>", html);
    }

    [Fact]
    public void SeveralSeedsSayWhichIsBetterAndWhichTheSeedsCannotTellApart()
    {
        IReadOnlyList<ActivationSummary> rows =
            [Row("sigmoid", 0.90, 0.905, 0.895), Row("relu", 0.980, 0.985, 0.975), Row("gelu", 0.981, 0.975, 0.986)];
        var comparisons = PairwiseComparisons.Compare(rows);
        var sentences = ComparisonSentences.Describe(rows, comparisons);

        Assert.Equal(3, comparisons.Count);
        Assert.Contains(sentences, s => s.StartsWith("- relu is better than sigmoid by 8.00 points", StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.StartsWith("- gelu is better than sigmoid", StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.StartsWith("- The seeds cannot tell these apart: relu and gelu", StringComparison.Ordinal));
        var pair = Assert.Single(comparisons, c => c.First == "relu" && c.Second == "gelu");
        Assert.False(pair.Significant);
        Assert.True(comparisons.All(c => c.HolmP >= c.P));
    }

    [Fact]
    public void ComparisonsCsvHasARowPerPair()
    {
        IReadOnlyList<ActivationSummary> rows = [Row("relu", 0.98, 0.97), Row("leaky-relu:0.2", 0.97, 0.96), Row("softplus:2,10", 0.96, 0.95)];
        var lines = ComparisonsCsv.Format(PairwiseComparisons.Compare(rows)).TrimEnd().Split(Environment.NewLine);
        Assert.Equal("metric,first,second,first_seeds,second_seeds,first_mean,second_mean,difference,t,df,p,p_holm,significant", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("final_val_acc,relu,leaky-relu:0.2,2,2,0.975,", lines[1]);
        Assert.StartsWith("final_val_acc,relu,\"softplus:2,10\",", lines[2]);
    }
}
