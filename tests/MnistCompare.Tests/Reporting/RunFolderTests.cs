using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Reporting;

public sealed class RunFolderTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Theory]
    [InlineData("relu", "relu")]
    [InlineData("leaky-relu:0.2", "leaky-relu_0.2")]
    [InlineData("softplus:2,10", "softplus_2_10")]
    [InlineData("gelu_tanh", "gelu_tanh")]
    [InlineData("../evil/x", ".._evil_x")]
    [InlineData("a b\\c", "a_b_c")]
    public void SafeNameKeepsLettersDigitsDashDotUnderscore(string activation, string expected)
    {
        Assert.Equal(expected, RunFolder.SafeName(activation));
        Assert.Equal(-1, RunFolder.SafeName(activation).IndexOfAny(Path.GetInvalidFileNameChars()));
    }

    [Fact]
    public void LayoutOfARunFolder()
    {
        var folder = new RunFolder(temp.Path);
        Assert.Equal(temp["config.json"], folder.ConfigPath);
        Assert.Equal(temp["metrics.csv"], folder.MetricsPath);
        Assert.Equal(temp["summary.md"], folder.SummaryPath);
        Assert.Equal(Path.Combine(temp.Path, "models", "leaky-relu_0.2-seed7.weights"), folder.WeightsPath("leaky-relu:0.2", 7));
        Assert.Equal(temp["val_loss.svg"], folder.PlotPath("val_loss", "svg"));
    }

    [Fact]
    public void PrepareCreatesTheFolderAndModels()
    {
        var folder = new RunFolder(temp["new/run"]);
        folder.Prepare(resume: false, force: false);
        Assert.True(Directory.Exists(folder.ModelsPath));
        Assert.Empty(RunFiles.TemporaryFiles(folder.Path));
    }

    [Fact]
    public void AnExistingRunNeedsResumeOrForce()
    {
        var folder = new RunFolder(temp.Path);
        File.WriteAllText(folder.MetricsPath, "old");
        var e = Assert.Throws<UserError>(() => folder.Prepare(resume: false, force: false));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("--resume", e.Message);
        Assert.Contains("--force", e.Message);
        Assert.Equal("old", File.ReadAllText(folder.MetricsPath));
    }

    [Fact]
    public void ForceRemovesTheOldRunButNotOtherFiles()
    {
        var folder = new RunFolder(temp.Path);
        foreach (var path in new[] { folder.ConfigPath, folder.MetricsPath, folder.SummaryPath, folder.TestResultsPath, temp["notes.txt"] })
            File.WriteAllText(path, "old");
        Directory.CreateDirectory(folder.ModelsPath);
        File.WriteAllText(folder.WeightsPath("relu", 1), "old");

        folder.Prepare(resume: false, force: true);

        Assert.Equal(["notes.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFileSystemEntries(folder.ModelsPath));
    }

    [Fact]
    public void ResumeNeedsAConfig()
    {
        var folder = new RunFolder(temp.Path);
        Assert.Contains("config.json does not exist", Assert.Throws<UserError>(() => folder.Prepare(resume: true, force: false)).Message);
    }

    public void Dispose() => temp.Dispose();
}
