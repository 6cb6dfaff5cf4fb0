namespace MnistCompare.Circles;

// What the two-rings data set looks like: how many points each split gets, the two radii and the Gaussian
// noise added to each coordinate. The defaults leave a gap of five noise widths between the rings, so a good
// boundary exists (a circle of radius 0.75 misclassifies well under 1%) but no straight line comes close.
public sealed record TwoRingsShape
{
    public int TrainSize { get; init; } = 1000;
    public int TestSize { get; init; } = 500;
    public double InnerRadius { get; init; } = 0.5;
    public double OuterRadius { get; init; } = 1.0;
    public double Noise { get; init; } = 0.1;

    // The square [−HalfWidth, HalfWidth]² that holds virtually every point (three noise widths past the outer
    // ring, plus a margin), so pictures of different runs with the same shape share one scale.
    public double PlaneHalfWidth => (OuterRadius + 3 * Noise) * 1.1;

    /// <summary>Why this shape cannot be generated, or null when it can.</summary>
    public string? Problem() => this switch
    {
        { TrainSize: < 2 } => "--train-size must be at least 2 (one point per ring)",
        { TestSize: < 1 } => "--test-size must be a positive number of points",
        _ when !(double.IsFinite(InnerRadius) && InnerRadius >= 0) => "--inner-radius must be a number >= 0",
        _ when !(double.IsFinite(OuterRadius) && OuterRadius > InnerRadius) => "--outer-radius must be a number larger than --inner-radius",
        _ when !(double.IsFinite(Noise) && Noise >= 0) => "--noise must be a number >= 0",
        _ => null,
    };
}
