using MnistCompare.Data;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Faults;

// A disk too small for the run is refused before training; a disk that fills up mid-run stops the run with every
// file whole and a message saying how to resume.
[Collection(AppCollection.Name)]
public sealed class DiskSpaceTests : IClassFixture<FaultRun>
{
    private readonly FaultRun run;

    public DiskSpaceTests(FaultRun run) => this.run = run;

    [Fact]
    public void TooLittleSpaceIsRefusedBeforeAnythingIsWritten()
    {
        using var disk = SmallDisk.Mount(megabytes: 20);
        if (disk is null) return;
        var folder = Path.Combine(disk.Path, "run");
        var line = AppRunner.FailsWithOneLine(1, run.Arguments(folder));
        Assert.Contains("free but the run needs about", line);
        Assert.Contains("--out", line);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void ADiskFillingUpMidRunLeavesWholeFilesAndTheRunResumesOnceThereIsRoom()
    {
        using var disk = SmallDisk.Mount(megabytes: 100);
        if (disk is null) return;
        var folder = Path.Combine(disk.Path, "run");
        string filler;
        using (var app = AppProcess.Start(run.Arguments(folder)))
        {
            FaultRun.WaitForEpochs(folder, 1, app);
            filler = disk.Fill();
            var (exitCode, _, error) = app.WaitForExit(TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 1, $"exit {exitCode}: {error}");
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("No space left on device", line);
            // A command that works pasted anywhere: the script by its absolute path.
            Assert.Contains($"{DatasetLocator.FromEnvironment().FindRepositoryRoot()}/scripts/compare.sh --resume --out {folder}", line);
        }
        run.AssertOnlyCompleteFiles(folder, "after the disk filled up");
        File.Delete(filler);
        AppRunner.Succeeds("compare", "--resume", "--out", folder);
        run.AssertFinishedLikeTheReference(folder);
    }
}
