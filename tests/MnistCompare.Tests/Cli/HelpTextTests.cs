using System.Text.RegularExpressions;

namespace MnistCompare.Tests.Cli;

// One style across every command's help: lowercase placeholders, each default said once, in one form.
[Collection(AppCollection.Name)]
public sealed class HelpTextTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("compare", "--help")]
    [InlineData("plot", "--help")]
    [InlineData("activations", "--help")]
    [InlineData("circles", "--help")]
    public void PlaceholdersAreLowercaseAndEveryDefaultIsSaidOnceInOneForm(params string[] args)
    {
        var help = AppRunner.Succeeds(args).OutLines;

        Assert.DoesNotContain(help, l => Regex.IsMatch(l, "<[^>]*[A-Z][^>]*>"));
        Assert.DoesNotContain(help, l => l.Contains("Default:", StringComparison.Ordinal));
        Assert.All(help, l => Assert.True(Regex.Matches(l, @"\[default: ").Count <= 1, l));
    }

    [Fact]
    public void TheMachineDependentThreadCountIsDescribedNotPrinted()
    {
        var threads = Assert.Single(AppRunner.Succeeds("compare", "--help").OutLines, l => l.TrimStart().StartsWith("--threads", StringComparison.Ordinal));
        Assert.Contains("[default: the number of cores", threads);
        Assert.DoesNotMatch(@"\[default: [0-9]+\]", threads);
    }

    [Fact]
    public void PlotSaysItTakesSeveralRunFolders()
    {
        var help = AppRunner.Succeeds("plot", "--help").OutLines;
        Assert.Contains(help, l => l.Contains("plot <run_dir>... [options]", StringComparison.Ordinal));
        Assert.Contains(help, l => l.TrimStart().StartsWith("--label-runs", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidationNamesItsModesInLowercase() =>
        Assert.Contains(AppRunner.Succeeds("compare", "--help").OutLines, l => l.Contains("--validation <test|holdout>", StringComparison.Ordinal)
                                                                               && l.EndsWith("[default: test]", StringComparison.Ordinal));
}
