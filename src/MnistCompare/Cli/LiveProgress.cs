using System.Globalization;
using MnistCompare.Training;
using Spectre.Console;

namespace MnistCompare.Cli;

// The terminal display: an overall bar with the ETA of the whole comparison, and a bar for the epoch in flight
// with its running loss and speed. Spectre redraws it from its own thread; we only move the tasks forward.
public sealed class LiveProgress : ITrainingObserver
{
    private readonly ProgressTask overall;
    private readonly ProgressTask current;
    private readonly int epochs;
    private readonly int batchesPerEpoch;
    private readonly int pairs;
    private int pairIndex;
    private string lastLine = "";

    public LiveProgress(ProgressContext context, int pairs, int epochs, int batchesPerEpoch, int finishedPairs)
    {
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.pairs = pairs;
        pairIndex = finishedPairs;
        overall = context.AddTask("Comparison", maxValue: (double)pairs * epochs * batchesPerEpoch);
        overall.Value = (double)finishedPairs * epochs * batchesPerEpoch;
        current = context.AddTask("Starting", maxValue: batchesPerEpoch);
    }

    public void RunStarted(string activation, long seed, int firstEpoch)
    {
        pairIndex++;
        // A training resumed from a checkpoint has its first epochs behind it already.
        if (firstEpoch > 1) overall.Increment((double)(firstEpoch - 1) * batchesPerEpoch);
        overall.Description = Markup.Escape($"Run {pairIndex}/{pairs}: {activation} (seed {seed})");
    }

    public void BatchCompleted(BatchProgress p)
    {
        current.MaxValue = p.Batches;
        current.Value = p.Batch;
        overall.Increment(1);
        current.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{p.Activation} · epoch {p.Epoch}/{epochs} · batch {p.Batch}/{p.Batches} · loss {p.RunningLoss:F4} · {p.ImagesPerSecond:N0} img/s"));
    }

    public void EpochCompleted(EpochMetrics m)
    {
        var remaining = batchesPerEpoch - (int)current.Value;
        if (remaining > 0) overall.Increment(remaining);
        if (m.Diverged)
        {
            overall.Increment((double)(epochs - m.Epoch) * batchesPerEpoch);
        }
        lastLine = m.Diverged
            ? $"[red]{Markup.Escape(m.Activation)} diverged in {m.DivergencePlace}[/]"
            : string.Create(CultureInfo.InvariantCulture,
                $"{Markup.Escape(m.Activation)} epoch {m.Epoch}: val acc [green]{m.ValAccuracy * 100:F2}%[/], val loss {m.ValLoss:F4}");
        AnsiConsole.MarkupLine(lastLine);
    }
}
