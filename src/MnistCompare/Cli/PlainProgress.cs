using System.Globalization;
using MnistCompare.Training;

namespace MnistCompare.Cli;

// When the output is a log rather than a terminal: one line per epoch, nothing that redraws.
public sealed class PlainProgress : ITrainingObserver
{
    private readonly TextWriter output;
    private readonly int epochs;

    public PlainProgress(TextWriter output, int epochs)
    {
        this.output = output;
        this.epochs = epochs;
    }

    public void RunStarted(string activation, long seed, int firstEpoch) =>
        output.WriteLine($"training {activation} (seed {seed}) from epoch {firstEpoch}");

    public void EpochCompleted(EpochMetrics m)
    {
        var line = m.Diverged
            ? $"{m.Activation} seed {m.Seed} epoch {m.Epoch}/{epochs}: diverged at batch {m.DivergedAtBatch} (the loss is not a finite number)"
            : string.Create(CultureInfo.InvariantCulture,
                $"{m.Activation} seed {m.Seed} epoch {m.Epoch}/{epochs}: train loss {m.TrainLoss:F4} acc {m.TrainAccuracy * 100:F2}% | val loss {m.ValLoss:F4} acc {m.ValAccuracy * 100:F2}% | {m.Seconds:F1} s{Validation(m)}");
        output.WriteLine(line);
        output.Flush();
    }

    // Training and validation scale differently (backward pass, batch size), so both parts of an epoch's time are shown.
    private static string Validation(EpochMetrics m) =>
        m.ValidationSeconds is { } seconds ? string.Create(CultureInfo.InvariantCulture, $" (validation {seconds:F2} s)") : "";
}
