using static TorchSharp.torch;

namespace MnistCompare.Circles;

// A trained network's P(inner ring) over the square [−HalfWidth, HalfWidth]², sampled at the centres of a
// Resolution × Resolution grid of cells. Row 0 is the top of the square (largest y), as in an image, so the
// picture can use the values without flipping them.
public sealed class ProbabilityMap
{
    public ProbabilityMap(double halfWidth, int resolution, float[] values)
    {
        if (!(halfWidth > 0) || resolution < 2 || values.Length != resolution * resolution)
            throw new ArgumentException($"A {resolution}×{resolution} map over ±{halfWidth} needs {resolution * resolution} values, got {values.Length}.");
        HalfWidth = halfWidth;
        Resolution = resolution;
        Values = values;
    }

    public double HalfWidth { get; }
    public int Resolution { get; }

    /// <summary>Row-major, row 0 at the top.</summary>
    public float[] Values { get; }

    public float At(int row, int column) => Values[row * Resolution + column];

    public double CellSize => 2 * HalfWidth / Resolution;

    public double X(int column) => -HalfWidth + (column + 0.5) * CellSize;

    public double Y(int row) => HalfWidth - (row + 0.5) * CellSize;

    /// <summary>Runs <paramref name="model"/> on every cell centre in one batch.</summary>
    public static ProbabilityMap Evaluate(RingsClassifier model, double halfWidth, int resolution)
    {
        var map = new ProbabilityMap(halfWidth, resolution, new float[resolution * resolution]);
        var centres = new float[2 * resolution * resolution];
        for (var row = 0; row < resolution; row++)
        {
            for (var column = 0; column < resolution; column++)
            {
                var k = row * resolution + column;
                centres[2 * k] = (float)map.X(column);
                centres[2 * k + 1] = (float)map.Y(row);
            }
        }
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var points = tensor(centres, new long[] { resolution * resolution, 2 });
        model.call(points).sigmoid().data<float>().ToArray().CopyTo(map.Values, 0);
        return map;
    }
}
