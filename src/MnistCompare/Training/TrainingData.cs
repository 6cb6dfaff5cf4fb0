using MnistCompare.Data;
using static TorchSharp.torch;

namespace MnistCompare.Training;

// What one comparison trains and validates on; FinalTest is set when validation uses a holdout, so that the
// test set is looked at once, at the end.
public sealed class TrainingData : IDisposable
{
    private readonly IDisposable[] owned;

    private TrainingData(DatasetSplit train, DatasetSplit validation, DatasetSplit? finalTest, string description, params IDisposable[] owned)
    {
        Train = train;
        Validation = validation;
        FinalTest = finalTest;
        Description = description;
        this.owned = owned;
    }

    public DatasetSplit Train { get; }

    public DatasetSplit Validation { get; }

    public DatasetSplit? FinalTest { get; }

    public string Description { get; }

    public int ImageSize => Train.Width;

    public Device Device => Train.Pixels.device;

    // How many images each part holds: what headers, titles and summaries state.
    public ImageCounts Counts => new(Train.Count, Validation.Count, FinalTest?.Count);

    public static TrainingData Load(RunSettings settings)
    {
        var holdout = settings.Validation == ValidationMode.Holdout;
        var options = new DatasetLoadOptions
        {
            // Under holdout the limit applies after the split (see RunSettings.TrainLimit), so the whole file is read.
            TrainLimit = holdout ? null : settings.TrainLimit,
            Normalization = settings.Normalize ? PixelNormalization.Mnist : null,
        };
        MnistDataset dataset;
        try
        {
            dataset = DatasetLoader.Load(settings.Dataset, options);
        }
        catch (ArgumentOutOfRangeException e) when (e.Message.StartsWith(DatasetLoader.TrainLimitOption, StringComparison.Ordinal))
        {
            throw new UserError(e.Message.Split(Environment.NewLine)[0]);
        }
        if (settings.Device != "cpu")
        {
            using var onCpu = dataset;
            dataset = new MnistDataset(onCpu.Source, OnDevice(onCpu.Train, settings.Device), OnDevice(onCpu.Test, settings.Device));
        }
        var parts = new List<IDisposable> { dataset };
        try
        {
            if (!holdout)
            {
                var validation = First(dataset.Test, settings.ValLimit, "--val-limit", "test images", parts);
                return new TrainingData(dataset.Train, validation, null, Describe(dataset, "test set"), parts.ToArray());
            }
            // Counted before anything is disposed: the message needs the number, and a disposed split has none.
            var available = dataset.Train.Count;
            if (available <= RunSettings.HoldoutSize)
                throw new UserError($"--validation holdout needs more than {RunSettings.HoldoutSize:N0} training images; {dataset.Name} has {available:N0}");
            var left = available - RunSettings.HoldoutSize;
            if (settings.TrainLimit > left)
                throw new UserError($"--train-limit {settings.TrainLimit}: with --validation holdout, {left:N0} training images are left after the " +
                                    $"{RunSettings.HoldoutSize:N0}-image holdout; use 1 to {left}");
            var (train, rest) = dataset.Train.SplitHoldout(RunSettings.HoldoutSize);
            parts.Add(train);
            parts.Add(rest);
            var trained = First(train, settings.TrainLimit, "--train-limit", "training images", parts);
            var validated = First(rest, settings.ValLimit, "--val-limit", "holdout images", parts);
            return new TrainingData(trained, validated, dataset.Test, Describe(dataset, "holdout"), parts.ToArray());
        }
        catch
        {
            foreach (var part in parts) part.Dispose();
            throw;
        }
    }

    // The first `limit` items of a split (a view), or the split itself when there is no limit.
    private static DatasetSplit First(DatasetSplit split, int? limit, string option, string what, List<IDisposable> parts)
    {
        if (limit is not { } n) return split;
        if (n > split.Count) throw new UserError($"{option} {n} is more than the {split.Count:N0} {what}; use 1 to {split.Count}");
        var first = split.Slice(0, n);
        parts.Add(first);
        return first;
    }

    // The whole set moves to the GPU once, so batches never cross the bus.
    private static DatasetSplit OnDevice(DatasetSplit split, string device) =>
        new(split.Pixels.to(new Device(device)).DetachFromDisposeScope(), split.Labels.to(new Device(device)).DetachFromDisposeScope(),
            split.Normalization);

    private static string Describe(MnistDataset dataset, string validation) => $"{dataset.Name}, validation on the {validation}";

    public void Dispose()
    {
        foreach (var item in owned) item.Dispose();
    }
}
