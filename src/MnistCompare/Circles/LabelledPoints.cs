using static TorchSharp.torch;

namespace MnistCompare.Circles;

// Points of the plane with a 0/1 label each (1 = the inner ring). Kept as plain arrays because both the trainer
// (as tensors) and the pictures (as dots) need them.
public sealed class LabelledPoints
{
    public LabelledPoints(float[] x, float[] y, float[] labels)
    {
        if (x.Length != y.Length || x.Length != labels.Length)
            throw new ArgumentException($"Coordinates and labels differ in length: {x.Length}, {y.Length}, {labels.Length}.");
        X = x;
        Y = y;
        Labels = labels;
    }

    public float[] X { get; }
    public float[] Y { get; }
    public float[] Labels { get; }

    public int Count => X.Length;

    /// <summary>The coordinates as a float tensor [Count, 2].</summary>
    public Tensor Features()
    {
        var interleaved = new float[2 * Count];
        for (var i = 0; i < Count; i++)
        {
            interleaved[2 * i] = X[i];
            interleaved[2 * i + 1] = Y[i];
        }
        return tensor(interleaved, new long[] { Count, 2 });
    }

    /// <summary>The labels as a float tensor [Count], the form binary cross-entropy wants.</summary>
    public Tensor Targets() => tensor(Labels, new long[] { Count });
}
