using MnistCompare.Circles;

namespace MnistCompare.Reporting.Circles;

// The decision boundary as line segments where a probability map crosses 0.5 (marching squares over the cell
// centres, crossings placed by linear interpolation). Drawn over the shading, it makes the shape of the boundary
// exact: a straight line for a linear network, a closed curve around the inner ring for one that succeeds.
public static class BoundaryContour
{
    public readonly record struct Segment(double X1, double Y1, double X2, double Y2);

    public const double Level = 0.5;

    public static IReadOnlyList<Segment> Trace(ProbabilityMap map)
    {
        var segments = new List<Segment>();
        var n = map.Resolution;
        for (var row = 0; row + 1 < n; row++)
        {
            for (var column = 0; column + 1 < n; column++)
            {
                // The corners clockwise from the top left: a b / d c.
                var a = (Row: row, Column: column);
                var b = (Row: row, Column: column + 1);
                var c = (Row: row + 1, Column: column + 1);
                var d = (Row: row + 1, Column: column);
                var top = Crossing(map, a, b);
                var right = Crossing(map, b, c);
                var bottom = Crossing(map, c, d);
                var left = Crossing(map, d, a);
                var crossings = new[] { top, right, bottom, left }.Where(p => p is not null).Select(p => p!.Value).ToList();
                if (crossings.Count == 2)
                {
                    segments.Add(new Segment(crossings[0].X, crossings[0].Y, crossings[1].X, crossings[1].Y));
                }
                else if (crossings.Count == 4)
                {
                    // A saddle: the mean of the corners decides whether a and c are joined through the middle (then the
                    // lines cut off b and d) or b and d are.
                    var centre = (map.At(a.Row, a.Column) + map.At(b.Row, b.Column) + map.At(c.Row, c.Column) + map.At(d.Row, d.Column)) / 4;
                    var acJoined = (centre >= Level) == (map.At(a.Row, a.Column) >= Level);
                    var (p1, p2, p3, p4) = acJoined ? (top!.Value, right!.Value, bottom!.Value, left!.Value) : (left!.Value, top!.Value, right!.Value, bottom!.Value);
                    segments.Add(new Segment(p1.X, p1.Y, p2.X, p2.Y));
                    segments.Add(new Segment(p3.X, p3.Y, p4.X, p4.Y));
                }
            }
        }
        return segments;
    }

    private static (double X, double Y)? Crossing(ProbabilityMap map, (int Row, int Column) from, (int Row, int Column) to)
    {
        double p = map.At(from.Row, from.Column), q = map.At(to.Row, to.Column);
        if ((p >= Level) == (q >= Level) || !double.IsFinite(p) || !double.IsFinite(q)) return null;
        var t = (Level - p) / (q - p);
        return (map.X(from.Column) + t * (map.X(to.Column) - map.X(from.Column)), map.Y(from.Row) + t * (map.Y(to.Row) - map.Y(from.Row)));
    }
}
