namespace MnistCompare.Circles;

// One network to train on the rings: its activation, the widths of its hidden layers and its epochs, plus the
// sweep it belongs to and the label that distinguishes it within that sweep (its panel title and table row).
public sealed record CirclesConfiguration(CirclesSweep Sweep, string Label, string Activation, IReadOnlyList<int> HiddenWidths, int Epochs)
{
    /// <summary>The hidden layers as "8-16-32-8".</summary>
    public string Layers => FormatLayers(HiddenWidths);

    public static string FormatLayers(IEnumerable<int> widths) => string.Join("-", widths);
}
