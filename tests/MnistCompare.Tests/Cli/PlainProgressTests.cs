using MnistCompare.Cli;
using MnistCompare.Training;

namespace MnistCompare.Tests.Cli;

// Without a terminal (CI, Slurm logs, `| tee`) progress still appears during an epoch: a line every half minute with
// the run, epoch, batch, loss and time left. The clock is a test clock, so the interval need not be waited for.
public sealed class PlainProgressTests
{
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan span) => now += span;
    }

    [Fact]
    public void ALineEveryThirtySecondsNamesTheRunEpochBatchLossAndTimeLeft()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        // Two pairs of 3 epochs of 10 batches: 60 batches to train.
        var progress = new PlainProgress(output, epochs: 3, pairs: 2, batchesPerEpoch: 10, batchesToTrain: 60, clock: clock);

        progress.RunStarted("relu", 1, 1);
        for (var batch = 1; batch <= 10; batch++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            progress.BatchCompleted(new BatchProgress("relu", 1, 1, batch, 10, 1.0 / batch, 100));
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("training relu (seed 1) from epoch 1", lines[0]);
        // Batches 3, 6 and 9 end 30, 60 and 90 s in; at batch 3, 57 batches are left at 10 s each.
        Assert.Equal(
        [
            "run 1/2 relu seed 1: epoch 1/3, batch 3/10, loss 0.3333, about 9 min 30 s left",
            "run 1/2 relu seed 1: epoch 1/3, batch 6/10, loss 0.1667, about 9 min 00 s left",
            "run 1/2 relu seed 1: epoch 1/3, batch 9/10, loss 0.1111, about 8 min 30 s left",
        ], lines.Skip(1));
    }

    [Fact]
    public void AnEpochLineNamesTheSeedAndRestartsTheInterval()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        var progress = new PlainProgress(output, epochs: 1, pairs: 4, batchesPerEpoch: 2, batchesToTrain: 2, finishedPairs: 2, clock: clock);

        progress.RunStarted("gelu", 3, 1);
        clock.Advance(TimeSpan.FromSeconds(29));
        progress.BatchCompleted(new BatchProgress("gelu", 3, 1, 1, 2, 0.5, 100));
        progress.EpochCompleted(new EpochMetrics("gelu", 3, 1, 0.5, 0.8, 0.4, 0.85, 29, false, null));
        clock.Advance(TimeSpan.FromSeconds(29));
        progress.BatchCompleted(new BatchProgress("gelu", 3, 1, 2, 2, 0.5, 100));

        var text = output.ToString();
        Assert.Contains("gelu seed 3 epoch 1/1: train loss 0.5000 acc 80.00% | val loss 0.4000 acc 85.00% | 29.0 s", text);
        Assert.DoesNotContain("run 3/4", text);
    }
}
