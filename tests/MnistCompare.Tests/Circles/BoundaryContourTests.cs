using MnistCompare.Reporting.Circles;

namespace MnistCompare.Tests.Circles;

public sealed class BoundaryContourTests
{
    [Fact]
    public void AStepAcrossTheYAxisGivesAVerticalLineAtXZero()
    {
        var map = Maps.From((x, _) => 1 / (1 + Math.Exp(-4 * x)));

        var segments = BoundaryContour.Trace(map);

        Assert.Equal(map.Resolution - 1, segments.Count);
        Assert.All(segments, s =>
        {
            Assert.InRange(s.X1, -1e-6, 1e-6);
            Assert.InRange(s.X2, -1e-6, 1e-6);
        });
        Assert.Equal(map.Y(map.Resolution - 1), segments.Min(s => Math.Min(s.Y1, s.Y2)), 6);
        Assert.Equal(map.Y(0), segments.Max(s => Math.Max(s.Y1, s.Y2)), 6);
    }

    [Fact]
    public void ADiscGivesAClosedCurveOnItsRadius()
    {
        var map = Maps.Disc(0.75);

        var segments = BoundaryContour.Trace(map);

        var ends = segments.SelectMany(s => new[] { (s.X1, s.Y1), (s.X2, s.Y2) }).ToList();
        Assert.All(ends, p => Assert.InRange(Math.Sqrt(p.Item1 * p.Item1 + p.Item2 * p.Item2), 0.75 - map.CellSize / 4, 0.75 + map.CellSize / 4));
        // Closed: every end of a segment is the end of exactly one other segment too.
        Assert.All(ends, p => Assert.Equal(2, ends.Count(q => Math.Abs(q.Item1 - p.Item1) < 1e-9 && Math.Abs(q.Item2 - p.Item2) < 1e-9)));
    }

    [Fact]
    public void AMapThatNeverReachesOneHalfHasNoBoundary()
    {
        Assert.Empty(BoundaryContour.Trace(Maps.From((_, _) => 0.3)));
        Assert.Empty(BoundaryContour.Trace(Maps.From((_, _) => double.NaN)));
    }

    [Fact]
    public void ASaddleGivesTwoSeparateSegments()
    {
        // Two opposite corners high, two low: x·y > 0 is "inside".
        var map = Maps.From((x, y) => x * y > 0 ? 0.9 : 0.1, halfWidth: 1, resolution: 2);

        var segments = BoundaryContour.Trace(map);

        Assert.Equal(2, segments.Count);
        var (first, second) = (segments[0], segments[1]);
        Assert.DoesNotContain((first.X1, first.Y1), new[] { (second.X1, second.Y1), (second.X2, second.Y2) });
        Assert.DoesNotContain((first.X2, first.Y2), new[] { (second.X1, second.Y1), (second.X2, second.Y2) });
    }
}
