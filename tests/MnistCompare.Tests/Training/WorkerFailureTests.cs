using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;
using MnistCompare.Tests.Data;
using MnistCompare.Training;
using MnistCompare.Workers;

namespace MnistCompare.Tests.Training;

// A worker that fails, or ends without its result, stops the comparison with one line naming the pair and the
// reason, never a hang; the run folder stays as it was. The workers here are shell scripts standing in for the app.
[Collection(AppCollection.Name)]
public sealed class WorkerFailureTests : IDisposable
{
    private readonly TempFolder temp = new("mnistcompare-worker-failure-");
    private readonly RunSettings settings;

    public WorkerFailureTests()
    {
        settings = new RunSettings { Activations = ["relu", "elu"], Epochs = 1, Dataset = SmallMnist.Write(temp["data"], 100, 50) };
    }

    public void Dispose() => temp.Dispose();

    private Exception? RunWith(string script, string name)
    {
        var folder = new RunFolder(temp[name]);
        using var data = TrainingData.Load(settings);
        folder.Prepare(resume: false, force: false);
        var comparison = new Comparison(settings, folder, data);
        comparison.Start(resume: false);
        // `sh -c SCRIPT sh ARGS...`: the worker's arguments become $1, $2, ... of the script.
        var pool = new WorkerPool(comparison, folder, new WorkerLaunch("/bin/sh", ["-c", script, "sh"]), workers: 2, threadsPerWorker: 1);
        return Record.Exception(() => pool.Run(new SilentObserver(), CancellationToken.None));
    }

    [Fact]
    public void AFailedWorkerIsOneLineWithItsPairExitCodeAndError()
    {
        var error = RunWith("echo 'some noise' >&2; echo 'error: the disk is on fire' >&2; exit 3", "failed");
        var failure = Assert.IsType<WorkerFailedException>(error);
        Assert.Matches(@"^(relu|elu) seed 1: its training worker failed \(exit code 3\): the disk is on fire$", failure.Message);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public void AWorkerThatEndsWithoutItsResultIsAFailureToo()
    {
        var error = RunWith("echo 'not a message'; exit 0", "silent");
        Assert.Matches(@"^(relu|elu) seed 1: its training worker ended without reporting a result$", Assert.IsType<WorkerFailedException>(error).Message);
    }

    [Fact]
    public void AGarbledMessageStopsTheRunInsteadOfBeingGuessedAt()
    {
        var error = RunWith("echo '{\"epoch\": 12'; sleep 2", "garbled");
        Assert.Matches(@"^(relu|elu) seed 1: its training worker sent a message this version does not understand",
            Assert.IsType<WorkerFailedException>(error).Message);
    }

    [Fact]
    public void AProgramThatCannotStartIsNamed()
    {
        var folder = new RunFolder(temp["missing"]);
        using var data = TrainingData.Load(settings);
        folder.Prepare(resume: false, force: false);
        var comparison = new Comparison(settings, folder, data);
        comparison.Start(resume: false);
        var pool = new WorkerPool(comparison, folder, new WorkerLaunch(temp["no-such-program"], []), workers: 2, threadsPerWorker: 1);
        var error = Assert.IsType<WorkerFailedException>(Record.Exception(() => pool.Run(new SilentObserver(), CancellationToken.None)));
        Assert.Contains("no-such-program", error.Message);
    }

    private sealed class SilentObserver : ITrainingObserver;
}
