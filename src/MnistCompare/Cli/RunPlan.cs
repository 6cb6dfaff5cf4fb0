using System.Globalization;
using MnistCompare.Training;
using MnistCompare.Workers;

namespace MnistCompare.Cli;

// The line a comparison prints before it trains: what it is about to do and roughly for how long, so that a bare
// `dotnet run` does not start a several-minute job without a word.
public static class RunPlan
{
    // Seconds per image and epoch with one thread on this project's 2-core machine when idle (a default epoch of
    // 60,000 training and 10,000 validation images took 70-85 s with 2 threads): a rough figure, as activations
    // differ by a third and a busy machine is slower.
    private const double TrainSecondsPerImage = 2.4e-3;
    private const double ValidationSecondsPerImage = 0.6e-3;

    public static string Describe(RunSettings settings, Comparison comparison, ParallelPlan plan)
    {
        var pending = comparison.PendingPairs;
        var activations = pending.Select(p => p.Activation).Distinct().ToList();
        var what = pending.Count == comparison.Pairs.Count
            ? $"{Count(activations.Count, "activation")} ({string.Join(", ", activations)}) × {Count(settings.Seeds, "seed")}, " +
              $"{Count(settings.Epochs, "epoch")} each"
            : $"{pending.Count} of {comparison.Pairs.Count} activation × seed runs left ({string.Join(", ", pending.Select(p => $"{p.Activation} seed {p.Seed}"))}), " +
              $"{Count(comparison.PendingEpochs, "epoch")} in all";
        var how = plan.Workers > 1 ? $"{plan.Describe()}" : Count(settings.Threads, "thread");
        return $"Training {what}; {how}; about {Durations.Describe(Estimate(settings, comparison.PendingEpochs))} (a rough estimate).";
    }

    // Every pending epoch trains on the training images and validates once; the cores share the work whether the
    // threads belong to one training or to several workers.
    public static TimeSpan Estimate(RunSettings settings, int pendingEpochs)
    {
        var images = settings.Images ?? new ImageCounts(60_000, 10_000, null);
        var perEpoch = images.Train * TrainSecondsPerImage + images.Validation * ValidationSecondsPerImage;
        var cores = Math.Max(1, Math.Min(settings.Threads, Environment.ProcessorCount));
        return TimeSpan.FromSeconds(pendingEpochs * perEpoch / cores);
    }

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");
}
