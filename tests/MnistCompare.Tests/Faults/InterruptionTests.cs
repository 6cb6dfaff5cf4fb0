using MnistCompare.Data;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Faults;

// A comparison killed at any moment, or stopped by a signal, leaves only complete files, and --resume then ends
// exactly where an uninterrupted run ends.
[Collection(AppCollection.Name)]
public sealed class InterruptionTests : IClassFixture<FaultRun>
{
    private readonly FaultRun run;

    public InterruptionTests(FaultRun run) => this.run = run;

    private void Resume(string folder)
    {
        // Killed before config.json was written there is no run to resume, only one to start.
        if (File.Exists(Path.Combine(folder, "config.json"))) AppRunner.Succeeds("compare", "--resume", "--out", folder);
        else AppRunner.Succeeds(run.Arguments(folder).Append("--force").ToArray());
    }

    // Ten moments spread over the length of a whole run, each at a random point of its tenth: during start-up,
    // training, checkpointing, writing the plots.
    [Fact]
    public void KilledHardAtTenMomentsTheFolderStaysWholeAndResumingReproducesTheRun()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 10; i++)
        {
            var folder = run.NewFolder();
            var moment = run.Duration * ((i + random.NextDouble()) / 10);
            using (var app = AppProcess.Start(run.Arguments(folder)))
            {
                Thread.Sleep(moment);
                app.KillHard();
                app.WaitForExit(TimeSpan.FromMinutes(1));
            }
            run.AssertOnlyCompleteFiles(folder, $"kill -9 after {moment.TotalSeconds:F2} s");
            Resume(folder);
            run.AssertFinishedLikeTheReference(folder);
        }
    }

    [Theory]
    [InlineData(AppProcess.SigInt)]
    [InlineData(AppProcess.SigTerm)]
    public void ASignalStopsAfterAConsistentStateAndSaysHowToResume(int signal)
    {
        var folder = run.NewFolder();
        using (var app = AppProcess.Start(run.Arguments(folder)))
        {
            FaultRun.WaitForEpochs(folder, 1, app);
            app.Signal(signal);
            var (exitCode, _, error) = app.WaitForExit(TimeSpan.FromMinutes(2));
            Assert.Equal(130, exitCode);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            // A command that works pasted anywhere: the script by its absolute path.
            Assert.Contains($"{DatasetLocator.FromEnvironment().FindRepositoryRoot()}/scripts/compare.sh --resume --out {folder}", line);
        }
        run.AssertOnlyCompleteFiles(folder, "after the signal");
        AppRunner.Succeeds("compare", "--resume", "--out", folder);
        run.AssertFinishedLikeTheReference(folder);
    }
}
