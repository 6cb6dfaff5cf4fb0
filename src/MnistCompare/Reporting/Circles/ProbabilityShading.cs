using MnistCompare.Reporting.Charts;

namespace MnistCompare.Reporting.Circles;

// The colours of the pictures: the outer ring (label 0) in tab10 blue, the inner ring (label 1) in tab10 orange.
// The background fades from a light tint of one to white at p = 0.5 to a light tint of the other, so the test
// points, drawn in the full colours, stay readable on either side and the uncertain band shows as white.
public static class ProbabilityShading
{
    public static ChartColor Outer { get; } = Palette.At(0);
    public static ChartColor Inner { get; } = Palette.At(1);

    // How far towards the class colour the most confident background goes.
    private const double MaxTint = 0.5;

    public static ChartColor At(double probability)
    {
        if (!double.IsFinite(probability)) return new ChartColor(200, 200, 200);
        var p = Math.Clamp(probability, 0, 1);
        var (colour, strength) = p >= 0.5 ? (Inner, (p - 0.5) * 2) : (Outer, (0.5 - p) * 2);
        return Blend(ChartStyle.Background, colour, strength * MaxTint);
    }

    /// <summary>Opaque 0xAARRGGBB pixels for a map, in its own row order.</summary>
    public static uint[] Pixels(float[] probabilities) => probabilities.Select(p =>
    {
        var c = At(p);
        return 0xFF000000u | (uint)c.R << 16 | (uint)c.G << 8 | c.B;
    }).ToArray();

    private static ChartColor Blend(ChartColor from, ChartColor to, double t) => new(
        (byte)Math.Round(from.R + (to.R - from.R) * t),
        (byte)Math.Round(from.G + (to.G - from.G) * t),
        (byte)Math.Round(from.B + (to.B - from.B) * t));
}
