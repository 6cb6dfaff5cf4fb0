namespace MnistCompare.Circles;

// The four experiments of the notes, each varying one thing: the activation (at a fixed network), the width of one
// hidden layer, the depth at a fixed width, and the number of training epochs of a fixed deeper network.
public enum CirclesSweep
{
    Activations,
    Widths,
    Depths,
    Epochs,
}

public static class CirclesSweeps
{
    public static IReadOnlyList<CirclesSweep> All { get; } = Enum.GetValues<CirclesSweep>();

    /// <summary>The name on the command line and in file names: "activations", "widths", "depths", "epochs".</summary>
    public static string Name(this CirclesSweep sweep) => sweep.ToString().ToLowerInvariant();

    public static CirclesSweep Parse(string name)
    {
        foreach (var sweep in All)
        {
            if (string.Equals(sweep.Name(), name.Trim(), StringComparison.OrdinalIgnoreCase)) return sweep;
        }
        throw new ArgumentException($"unknown sweep '{name}' (expected {string.Join(", ", All.Select(s => s.Name()))})");
    }
}
