using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;
using MnistCompare.Tests.Data;
using MnistCompare.Training;
using static MnistCompare.Tests.Training.InterruptedRun;

namespace MnistCompare.Tests.Sharding;

// One sweep (relu, elu, gelu; seed 1; one epoch on 600 images, validated on 300; one thread) trained three times
// over: in one process, and as two shards. Shard 1 (relu and gelu, dealt round-robin) is stopped the way Ctrl-C
// stops it, in the middle of gelu, kept as it was then, and continued with --resume; shard 2 (elu) runs straight.
public sealed class ShardedSweep : IDisposable
{
    private readonly TempFolder root = new("mnistcompare-shards-");

    public ShardedSweep()
    {
        var data = SmallMnist.Write(root["data"]);
        SweepArgs = ["-a", "relu,elu,gelu", "--epochs", "1", "--data", data, "--threads", "1"];
        Plan = new RunSettings { Activations = ["relu", "elu", "gelu"], Epochs = 1, Dataset = data, Threads = 1 };
        Single = new CompletedRun(root["single"], AppRunner.Run(["compare", .. SweepArgs, "--out", root["single"]]));

        var first = new RunFolder(root["shard-1"]);
        var settings = Plan with { Shard = RunShard.Of(Plan, 1, 2) };
        TorchSharp.torch.set_num_threads(settings.Threads);
        using (var loaded = TrainingData.Load(settings))
        {
            first.Prepare(resume: false, force: false);
            var comparison = new Comparison(settings, first, loaded);
            comparison.Start(resume: false);
            using var cancellation = new CancellationTokenSource();
            Interruption = Record.Exception(() => comparison.Run(new InterruptDuring("gelu", 3, cancellation), cancellation.Token));
        }
        Interrupted = root["shard-1-interrupted"];
        RunFiles.CopyFolder(first.Path, Interrupted);
        Resumed = new CompletedRun(first.Path, AppRunner.Run("compare", "--resume", "--out", first.Path));
        Second = new CompletedRun(root["shard-2"], AppRunner.Run(["compare", .. SweepArgs, "--shard", "2/2", "--out", root["shard-2"]]));
    }

    public string[] SweepArgs { get; }

    public RunSettings Plan { get; }

    public CompletedRun Single { get; }

    public Exception? Interruption { get; }

    // Shard 1 as the interruption left it: relu finished, gelu stopped in its first epoch.
    public string Interrupted { get; }

    public CompletedRun Resumed { get; }

    public CompletedRun Second { get; }

    public string NewPath(string name) => root[$"{name}-{Guid.NewGuid():N}"];

    public void Dispose() => root.Dispose();
}
