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

    public Device Device => Train.Images.device;

    public static TrainingData Load(RunSettings settings)
    {
        var options = new DatasetLoadOptions
        {
            TrainLimit = settings.TrainLimit,
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
            dataset = new MnistDataset(onCpu.Source, OnDevice(onCpu.Train, settings.Device), OnDevice(onCpu.Test, settings.Device), onCpu.Normalization);
        }
        if (settings.Validation == ValidationMode.Test)
            return new TrainingData(dataset.Train, dataset.Test, null, Describe(dataset, "test set"), dataset);
        if (dataset.Train.Count <= RunSettings.HoldoutSize)
        {
            dataset.Dispose();
            throw new UserError($"--validation holdout: needs more than {RunSettings.HoldoutSize:N0} training images, --train-limit leaves {dataset.Train.Count:N0}");
        }
        var (train, holdout) = dataset.Train.SplitHoldout(RunSettings.HoldoutSize);
        return new TrainingData(train, holdout, dataset.Test, Describe(dataset, "holdout"), train, holdout, dataset);
    }

    // The whole set moves to the GPU once, so batches never cross the bus.
    private static DatasetSplit OnDevice(DatasetSplit split, string device) =>
        new(split.Images.to(new Device(device)).DetachFromDisposeScope(), split.Labels.to(new Device(device)).DetachFromDisposeScope());

    private static string Describe(MnistDataset dataset, string validation) => $"{dataset.Name}, validation on the {validation}";

    public void Dispose()
    {
        foreach (var item in owned) item.Dispose();
    }
}
