using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;
using MnistCompare.Tests.Data;
using MnistCompare.Training;

namespace MnistCompare.Tests.Training;

// report.html follows a comparison as it trains: rewritten after every finished activation × seed, so a browser
// pointed at it shows the pairs done so far while the next one trains.
[Collection(AppCollection.Name)]
public sealed class ReportProgressTests : IDisposable
{
    private readonly TempFolder temp = new("mnistcompare-report-progress-");

    public void Dispose() => temp.Dispose();

    // Reads report.html as the second pair starts, i.e. right after the first one finished.
    private sealed class PageReader(string reportPath) : ITrainingObserver
    {
        public Dictionary<string, string?> PageWhenStarting { get; } = new();

        public void RunStarted(string activation, long seed, int firstEpoch) =>
            PageWhenStarting[activation] = File.Exists(reportPath) ? File.ReadAllText(reportPath) : null;
    }

    [Fact]
    public void ThePageIsRewrittenAfterEachFinishedPair()
    {
        var settings = new RunSettings { Activations = ["relu", "gelu"], Epochs = 1, Dataset = SmallMnist.Write(temp["data"]) };
        var folder = new RunFolder(temp["run"]);
        using var data = TrainingData.Load(settings);
        folder.Prepare(resume: false, force: false);
        var comparison = new Comparison(settings, folder, data);
        var reader = new PageReader(folder.ReportPath);

        comparison.Start(resume: false);
        var before = File.ReadAllText(folder.ReportPath);
        comparison.Run(reader, CancellationToken.None);
        var after = File.ReadAllText(folder.ReportPath);

        Assert.Contains("Still training: 0 of 2 activation", before);
        Assert.DoesNotContain("<td>ReLU</td>", before);

        var midway = reader.PageWhenStarting["gelu"];
        Assert.NotNull(midway);
        Assert.Contains("Still training: 1 of 2 activation", midway);
        Assert.Contains("<meta http-equiv=\"refresh\"", midway);
        Assert.Contains("<td>ReLU</td>", midway);
        Assert.DoesNotContain("<td>GELU (tanh)</td>", midway);
        // The curves of the finished pair are drawn already, for whoever watches the run.
        Assert.Contains("<svg", midway);
        Assert.DoesNotContain("<svg", before);

        Assert.DoesNotContain("Still training", after);
        Assert.DoesNotContain("refresh", after);
        Assert.Contains("<td>ReLU</td>", after);
        Assert.Contains("<td>GELU (tanh)</td>", after);
        Assert.Empty(Directory.GetFiles(folder.Path, ".*.tmp"));
    }
}
