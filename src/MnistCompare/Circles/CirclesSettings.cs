using CustomActivations;

namespace MnistCompare.Circles;

// Everything the circles experiment does: the data, the training and the four sweeps. The defaults follow the
// notes the experiment comes from (Keras's defaults there: Adam at 0.001, batches of 32, 50 epochs; one hidden
// layer of 32 units; widths 2–32; depths 1–8 at width 8; epochs for an 8-16-32-8 network).
public sealed record CirclesSettings
{
    public TwoRingsShape Shape { get; init; } = new();
    public long Seed { get; init; } = 1;

    public int Epochs { get; init; } = 50;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 1e-3;
    public int Threads { get; init; } = 1;

    public IReadOnlyList<CirclesSweep> Sweeps { get; init; } = CirclesSweeps.All;

    /// <summary>The activations sweep: each of these, in the network <see cref="ActivationLayers"/>.</summary>
    public IReadOnlyList<string> Activations { get; init; } = ActivationRegistry.TutorialSelection.Prepend("identity").ToArray();
    public IReadOnlyList<int> ActivationLayers { get; init; } = new[] { 32 };

    /// <summary>The activation of the width, depth and epochs sweeps.</summary>
    public string SweepActivation { get; init; } = "relu";
    public IReadOnlyList<int> Widths { get; init; } = new[] { 2, 4, 8, 32 };
    public IReadOnlyList<int> Depths { get; init; } = new[] { 1, 2, 4, 8 };
    public int DepthWidth { get; init; } = 8;
    public IReadOnlyList<int> EpochsList { get; init; } = new[] { 5, 10, 20, 50 };
    public IReadOnlyList<int> EpochsLayers { get; init; } = new[] { 8, 16, 32, 8 };
}
