using System.Globalization;
using MnistCompare.Training;

namespace MnistCompare.Cli;

// When the output is a log rather than a terminal (CI, Slurm, `| tee`): nothing that redraws, but a line per epoch
// and, between them, a line every half minute with the run, epoch, batch, running loss and the time left, so that a
// log never falls silent for a whole epoch.
public sealed class PlainProgress : ITrainingObserver
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    private readonly TextWriter output;
    private readonly int epochs;
    private readonly int pairs;
    private readonly int batchesPerEpoch;
    private readonly long batchesToTrain;
    private readonly TimeProvider clock;
    private readonly TimeSpan interval;
    private readonly DateTimeOffset started;
    private readonly Dictionary<(string Activation, long Seed), int> runNumbers = new();
    private readonly Dictionary<(string Activation, long Seed), int> batchesThisEpoch = new();
    private DateTimeOffset lastLine;
    private long batchesDone;
    private int runsStarted;

    // `batchesToTrain`: every batch this process will see reported, the basis of the time left; `finishedPairs`: the
    // pairs a resumed run had finished, so that run numbers count on from them.
    public PlainProgress(TextWriter output, int epochs, int pairs, int batchesPerEpoch, long batchesToTrain, int finishedPairs = 0,
        TimeProvider? clock = null, TimeSpan? interval = null)
    {
        this.output = output;
        this.epochs = epochs;
        this.pairs = pairs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.batchesToTrain = batchesToTrain;
        this.clock = clock ?? TimeProvider.System;
        this.interval = interval ?? DefaultInterval;
        runsStarted = finishedPairs;
        started = lastLine = this.clock.GetUtcNow();
    }

    public void RunStarted(string activation, long seed, int firstEpoch)
    {
        runNumbers[(activation, seed)] = ++runsStarted;
        // A training resumed from a checkpoint has its first epochs behind it: they are not in batchesToTrain.
        output.WriteLine($"training {activation} (seed {seed}) from epoch {firstEpoch}");
        output.Flush();
    }

    public void BatchCompleted(BatchProgress p)
    {
        batchesDone++;
        batchesThisEpoch[(p.Activation, p.Seed)] = p.Batch;
        var now = clock.GetUtcNow();
        if (now - lastLine < interval) return;
        lastLine = now;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {runNumbers.GetValueOrDefault((p.Activation, p.Seed))}/{pairs} {p.Activation} seed {p.Seed}: epoch {p.Epoch}/{epochs}, " +
            $"batch {p.Batch}/{p.Batches}, loss {p.RunningLoss:F4}, {TimeLeft(now)}"));
        output.Flush();
    }

    public void EpochCompleted(EpochMetrics m)
    {
        // A diverged epoch stops early, and its training has no epochs after it: those batches will never come.
        batchesDone += batchesPerEpoch - batchesThisEpoch.GetValueOrDefault((m.Activation, m.Seed));
        if (m.Diverged) batchesDone += (long)(epochs - m.Epoch) * batchesPerEpoch;
        batchesThisEpoch[(m.Activation, m.Seed)] = 0;
        lastLine = clock.GetUtcNow();
        var line = m.Diverged
            ? $"{m.Activation} seed {m.Seed} epoch {m.Epoch}/{epochs}: diverged at batch {m.DivergedAtBatch} (the loss is not a finite number)"
            : string.Create(CultureInfo.InvariantCulture,
                $"{m.Activation} seed {m.Seed} epoch {m.Epoch}/{epochs}: train loss {m.TrainLoss:F4} acc {m.TrainAccuracy * 100:F2}% | val loss {m.ValLoss:F4} acc {m.ValAccuracy * 100:F2}% | {m.Seconds:F1} s{Validation(m)}");
        output.WriteLine(line);
        output.Flush();
    }

    // The comparison's time left at the pace so far (validation included, as it is part of the time elapsed).
    private string TimeLeft(DateTimeOffset now)
    {
        if (batchesDone == 0) return "time left unknown";
        var left = (now - started) * ((double)Math.Max(0, batchesToTrain - batchesDone) / batchesDone);
        return $"about {Durations.Describe(left)} left";
    }

    // Training and validation scale differently (backward pass, batch size), so both parts of an epoch's time are shown.
    private static string Validation(EpochMetrics m) =>
        m.ValidationSeconds is { } seconds ? string.Create(CultureInfo.InvariantCulture, $" (validation {seconds:F2} s)") : "";
}
