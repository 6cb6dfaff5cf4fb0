using System.Globalization;
using System.Text.RegularExpressions;

namespace MnistCompare.Reporting.Charts;

/// <summary>The size of a picture in pixels; an SVG gets the same size in its own units.</summary>
public readonly partial record struct PlotSize
{
    public const int MinWidth = 320;
    public const int MinHeight = 200;

    // Beyond this a PNG needs hundreds of megabytes to draw; nobody needs a chart that large.
    public const int MaxSide = 8000;

    public PlotSize(int width, int height)
    {
        if (width is < MinWidth or > MaxSide || height is < MinHeight or > MaxSide)
            throw new ArgumentException($"a plot size must be {MinWidth}–{MaxSide} pixels wide and {MinHeight}–{MaxSide} high, got {width}×{height}");
        Width = width;
        Height = height;
    }

    public static PlotSize Default { get; } = new(1600, 1000);

    public int Width { get; }
    public int Height { get; }

    /// <summary>"1600x1000" (or with ×); null and a message naming what is wrong otherwise.</summary>
    public static PlotSize? TryParse(string text, out string? error)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success
            || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var height))
        {
            error = $"expected WIDTHxHEIGHT in pixels such as 1600x1000, got '{text}'";
            return null;
        }
        try
        {
            error = null;
            return new PlotSize(width, height);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");

    [GeneratedRegex(@"^(\d{1,6})\s*[x×X]\s*(\d{1,6})$")]
    private static partial Regex Pattern();
}
