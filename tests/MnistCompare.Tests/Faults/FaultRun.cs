using System.Diagnostics;
using System.Xml.Linq;
using MnistCompare.Reporting;
using MnistCompare.Tests.Charts;
using MnistCompare.Tests.Cli;
using MnistCompare.Tests.Data;
using MnistCompare.Training;

namespace MnistCompare.Tests.Faults;

// A small comparison (two activations, three epochs, a few hundred real images, one thread) run once to the end
// as the reference that interrupted and resumed runs must reproduce, and the checks that a run folder holds
// only complete files.
public sealed class FaultRun : IDisposable
{
    private readonly TempFolder temp = new("mnistcompare-faults-");
    private int folders;

    public FaultRun()
    {
        DataPath = SmallMnist.Write(temp["data"]);
        ReferencePath = temp["reference"];
        var clock = Stopwatch.StartNew();
        using (var app = AppProcess.Start(Arguments(ReferencePath)))
        {
            var (exitCode, _, error) = app.WaitForExit(TimeSpan.FromMinutes(5));
            Assert.True(exitCode == 0, $"the reference run failed ({exitCode}): {error}");
        }
        Duration = clock.Elapsed;
        Reference = MetricsCsv.Read(new RunFolder(ReferencePath).MetricsPath);
    }

    public string DataPath { get; }

    public string ReferencePath { get; }

    public TimeSpan Duration { get; }

    public IReadOnlyList<EpochMetrics> Reference { get; }

    public static readonly string[] Activations = ["relu", "selu"];

    public string[] Arguments(string output) =>
        ["compare", "-a", string.Join(',', Activations), "--epochs", "3", "--batch-size", "64", "--data", DataPath, "--threads", "1", "--out", output];

    public string NewFolder() => temp[$"run{Interlocked.Increment(ref folders)}"];

    public void Dispose() => temp.Dispose();

    private static object Values(EpochMetrics m) => (m.Activation, m.Seed, m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValLoss, m.ValAccuracy, m.Diverged);

    // Every file a run writes is either absent or complete, and what it records agrees with the reference run.
    public void AssertOnlyCompleteFiles(string path, string moment)
    {
        var folder = new RunFolder(path);
        if (!Directory.Exists(folder.Path)) return;
        if (File.Exists(folder.ConfigPath))
        {
            var settings = RunConfigFile.Read(folder.ConfigPath);
            Assert.Equal(Activations, settings.Activations);
        }
        if (File.Exists(folder.MetricsPath))
        {
            foreach (var row in MetricsCsv.Read(folder.MetricsPath))
            {
                var expected = Reference.Single(r => r.Activation == row.Activation && r.Epoch == row.Epoch);
                Assert.True(Values(expected).Equals(Values(row)), $"{moment}: {row} differs from the reference {expected}");
            }
        }
        if (File.Exists(folder.SummaryPath))
        {
            var summary = File.ReadAllText(folder.SummaryPath);
            Assert.StartsWith("# MnistCompare summary", summary);
            Assert.EndsWith("\n", summary);
            foreach (var line in summary.Split('\n').Where(l => l.StartsWith('|'))) Assert.Equal(8, line.Count(c => c == '|'));
        }
        foreach (var activation in Activations)
        {
            var weights = folder.WeightsPath(activation, 1);
            if (File.Exists(weights))
                Assert.True(File.ReadAllBytes(new RunFolder(ReferencePath).WeightsPath(activation, 1)).SequenceEqual(File.ReadAllBytes(weights)),
                    $"{moment}: {weights} differs from the reference");
            var checkpoint = folder.CheckpointPath(activation, 1);
            if (File.Exists(checkpoint)) Checkpoint.ReadEpoch(checkpoint, new Checkpoint.Identity(activation, 1));
        }
        foreach (var name in CurvePlots.Names)
        {
            var png = folder.PlotPath(name, "png");
            if (File.Exists(png))
            {
                PngFile.AssertValid(png);
                Assert.True(File.ReadAllBytes(png)[^8..].SequenceEqual(PngEnd), $"{moment}: {png} lacks its IEND chunk");
            }
            var svg = folder.PlotPath(name, "svg");
            if (File.Exists(svg)) XDocument.Load(svg);
        }
    }

    // The IEND chunk that closes every PNG: its type and CRC.
    private static readonly byte[] PngEnd = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    // After a resume: the whole reference, the same weights, the same checkpoints of the last epoch (kept so that the
    // run can be extended) and no temporary files left.
    public void AssertFinishedLikeTheReference(string path)
    {
        var folder = new RunFolder(path);
        Assert.Equal(Reference.Select(Values), MetricsCsv.Read(folder.MetricsPath).Select(Values));
        foreach (var activation in Activations)
        {
            Assert.Equal(File.ReadAllBytes(new RunFolder(ReferencePath).WeightsPath(activation, 1)), File.ReadAllBytes(folder.WeightsPath(activation, 1)));
        }
        foreach (var activation in Activations)
        {
            Assert.Equal(File.ReadAllBytes(new RunFolder(ReferencePath).CheckpointPath(activation, 1)), File.ReadAllBytes(folder.CheckpointPath(activation, 1)));
        }
        Assert.Equal(Activations.Length, Directory.EnumerateFiles(folder.CheckpointsPath).Count());
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    // Polls until metrics.csv records at least `rows` epochs.
    public static void WaitForEpochs(string path, int rows, AppProcess app)
    {
        var metrics = new RunFolder(path).MetricsPath;
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(metrics) && MetricsCsv.Read(metrics).Count >= rows))
        {
            Assert.False(app.HasExited, "the run ended before it was interrupted");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"no {rows} epochs in {metrics} after 3 minutes");
            Thread.Sleep(20);
        }
    }
}
