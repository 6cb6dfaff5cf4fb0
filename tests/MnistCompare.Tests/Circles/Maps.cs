using MnistCompare.Circles;

namespace MnistCompare.Tests.Circles;

// Probability maps from a formula, for tests of the pictures that need no training.
public static class Maps
{
    public static ProbabilityMap From(Func<double, double, double> probability, double halfWidth = 1.5, int resolution = 60)
    {
        var values = new float[resolution * resolution];
        var map = new ProbabilityMap(halfWidth, resolution, values);
        for (var row = 0; row < resolution; row++)
        {
            for (var column = 0; column < resolution; column++)
                values[row * resolution + column] = (float)probability(map.X(column), map.Y(row));
        }
        return map;
    }

    // P(inner ring) of a perfect classifier: high inside radius 0.75, low outside.
    public static ProbabilityMap Disc(double radius = 0.75) => From((x, y) => 1 / (1 + Math.Exp(12 * (Math.Sqrt(x * x + y * y) - radius))));
}
