using System.Globalization;
using MnistCompare.Training;
using Spectre.Console;

namespace MnistCompare.Cli;

// The terminal display: an overall bar with the ETA of the whole comparison, and a bar for each epoch in flight
// (one, or one per worker with --parallel) with its running loss and speed. Spectre redraws it from its own thread;
// we only move the tasks forward.
public sealed class LiveProgress : ITrainingObserver
{
    private readonly ProgressTask overall;
    private readonly ProgressTask[] lanes;
    private readonly Dictionary<(string Activation, long Seed), ProgressTask> inFlight = new();
    private readonly Dictionary<(string Activation, long Seed), int> batchesThisEpoch = new();
    private readonly int epochs;
    private readonly int batchesPerEpoch;
    private readonly int pairs;
    private int pairIndex;
    private string lastLine = "";

    public LiveProgress(ProgressContext context, int pairs, int epochs, int batchesPerEpoch, int finishedPairs, int concurrentRuns = 1)
    {
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.pairs = pairs;
        pairIndex = finishedPairs;
        overall = context.AddTask("Comparison", maxValue: (double)pairs * epochs * batchesPerEpoch);
        overall.Value = (double)finishedPairs * epochs * batchesPerEpoch;
        lanes = Enumerable.Range(0, Math.Max(1, concurrentRuns)).Select(_ => context.AddTask("Starting", maxValue: batchesPerEpoch)).ToArray();
    }

    public void RunStarted(string activation, long seed, int firstEpoch)
    {
        pairIndex++;
        // A training resumed from a checkpoint has its first epochs behind it already.
        if (firstEpoch > 1) overall.Increment((double)(firstEpoch - 1) * batchesPerEpoch);
        var lane = lanes.FirstOrDefault(l => !inFlight.ContainsValue(l)) ?? lanes[0];
        lane.Value = 0;
        inFlight[(activation, seed)] = lane;
        batchesThisEpoch[(activation, seed)] = 0;
        overall.Description = lanes.Length == 1 ? Markup.Escape($"Run {pairIndex}/{pairs}: {activation} (seed {seed})") : InFlight();
    }

    private string InFlight() => Markup.Escape(inFlight.Count == 0
        ? $"Runs started {pairIndex}/{pairs}; none training"
        : $"Runs started {pairIndex}/{pairs}; training {string.Join(", ", inFlight.Keys.Select(k => k.Activation))}");

    public void BatchCompleted(BatchProgress p)
    {
        var lane = Lane(p.Activation, p.Seed);
        lane.MaxValue = p.Batches;
        lane.Value = p.Batch;
        batchesThisEpoch[(p.Activation, p.Seed)] = p.Batch;
        overall.Increment(1);
        lane.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{p.Activation} seed {p.Seed} · epoch {p.Epoch}/{epochs} · batch {p.Batch}/{p.Batches} · loss {p.RunningLoss:F4} · {p.ImagesPerSecond:N0} img/s"));
    }

    public void EpochCompleted(EpochMetrics m)
    {
        // A diverged epoch stops early: the overall bar still counts its batches (and the epochs it will not train).
        var remaining = batchesPerEpoch - batchesThisEpoch.GetValueOrDefault((m.Activation, m.Seed));
        if (remaining > 0) overall.Increment(remaining);
        batchesThisEpoch[(m.Activation, m.Seed)] = 0;
        if (m.Diverged)
        {
            overall.Increment((double)(epochs - m.Epoch) * batchesPerEpoch);
        }
        // The lane is free for the next run once this one has no epoch left.
        if (m.Diverged || m.Epoch >= epochs)
        {
            inFlight.Remove((m.Activation, m.Seed));
            batchesThisEpoch.Remove((m.Activation, m.Seed));
            if (lanes.Length > 1) overall.Description = InFlight();
        }
        lastLine = m.Diverged
            ? $"[red]{Markup.Escape(m.Activation)} seed {m.Seed} diverged in {m.DivergencePlace}[/]"
            : string.Create(CultureInfo.InvariantCulture,
                $"{Markup.Escape(m.Activation)} seed {m.Seed} epoch {m.Epoch}/{epochs}: val acc [green]{m.ValAccuracy * 100:F2}%[/], val loss {m.ValLoss:F4}");
        AnsiConsole.MarkupLine(lastLine);
    }

    private ProgressTask Lane(string activation, long seed) => inFlight.GetValueOrDefault((activation, seed)) ?? lanes[0];
}
