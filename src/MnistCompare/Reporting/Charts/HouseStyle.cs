using ScottPlot;

namespace MnistCompare.Reporting.Charts;

/// <summary>
/// The one place that decides how every figure looks: palette, line styles, font, text sizes, line widths. The
/// figure builders ask it for colours and call <see cref="Apply"/>; nothing else in the app sets a colour or a font.
/// </summary>
/// <remarks>
/// Sizes are in the units of a <see cref="ReferenceWidth"/>×<see cref="ReferenceHeight"/> figure; ScottPlot's scale
/// factor enlarges them for bigger pictures, so a 1600×1000 chart and an 800×500 one look alike, only sharper.
/// </remarks>
public static partial class HouseStyle
{
    public const double ReferenceWidth = 800;
    public const double ReferenceHeight = 500;

    /// <summary>setup.sh installs it (fonts-dejavu-core); naming it keeps pictures identical from machine to machine.</summary>
    public const string FontName = "DejaVu Sans";

    public const float TitleSize = 17;
    public const float AxisLabelSize = 14;
    public const float TickLabelSize = 12;
    public const float LegendSize = 12;
    public const float NoteSize = 11;
    public const float PanelTitleSize = 13;

    /// <summary>About how many labelled ticks an axis gets.</summary>
    public const int XTickCount = 16;
    public const int YTickCount = 14;

    public const float SeriesLineWidth = 1.6f;
    public const float MarkerSize = 6;
    public const float ErrorBarWidth = 1.4f;
    public const float ErrorBarCap = 6;
    public const float FrameWidth = 1;
    public const float BoundaryLineWidth = 1.6f;
    public const float PointSize = 4.4f;
    public const float PointOutline = 0.7f;

    /// <summary>How opaque a min–max band is: enough to see, light enough to read every line through it.</summary>
    public const double BandOpacity = 0.2;

    // Okabe & Ito's colour-blind-safe set (ScottPlot ships it as ColorblindFriendly), reordered so the first colours
    // are the most distinct on white and the yellow, weakest as a line, comes last.
    private static readonly Color[] Wong = new ScottPlot.Palettes.ColorblindFriendly().Colors;

    public static IReadOnlyList<Color> Palette { get; } =
        new[] { "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442" }
            .Select(hex => Wong.Single(c => c.ToHex().Equals(hex, StringComparison.OrdinalIgnoreCase))).ToArray();

    // Past the palette, the line pattern tells series of the same colour apart.
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>The colour of the index-th series of a figure (the index-th activation of a run, in the user's order).</summary>
    public static Color SeriesColor(int index) => Palette[Math.Abs(index) % Palette.Count];

    /// <summary>Solid for the first round of colours, then dashed, dotted, densely dashed.</summary>
    public static LinePattern SeriesPattern(int index) => Patterns[Math.Abs(index) / Palette.Count % Patterns.Length];

    public static Color Text { get; } = Color.FromHex("#1A1A1A");
    public static Color NoteText { get; } = Color.FromHex("#555555");
    public static Color Grid { get; } = Color.FromHex("#E2E2E2");
    public static Color Frame { get; } = Color.FromHex("#333333");
    public static Color Background { get; } = Colors.White;
    public static Color BandSwatch { get; } = Color.FromHex("#808080").WithOpacity(BandOpacity * 1.5);

    // The two rings: the outer one (label 0) in the palette's blue, the inner one (label 1) in its orange.
    public static Color OuterRing => Palette[0];
    public static Color InnerRing => Palette[1];
    public static Color BoundaryLine { get; } = Color.FromHex("#262626");

    /// <summary>
    /// The background of a decision-boundary panel: a light tint of the outer ring's colour at P = 0, white at 0.5,
    /// a light tint of the inner ring's at 1, so the points (full colours) stay readable on both sides.
    /// </summary>
    public static IColormap ProbabilityShading { get; } = new ScottPlot.Colormaps.CustomInterpolated(
        [Tint(OuterRing, 0.5), Background, Tint(InnerRing, 0.5)]);

    /// <summary>The scale factor that makes a reference-sized design fill <paramref name="size"/>.</summary>
    public static double Scale(PlotSize size) => Math.Min(size.Width / ReferenceWidth, size.Height / ReferenceHeight);

    /// <summary>Fonts, sizes, colours of frame, grid, title and axes, for a chart drawn at <paramref name="size"/>.</summary>
    public static void Apply(Plot plot, PlotSize size)
    {
        // Labels ScottPlot creates on its own (legend entries) start from its default font.
        Fonts.Default = FontName;
        plot.ScaleFactor = Scale(size);
        plot.FigureBackground.Color = Background;
        plot.DataBackground.Color = Background;

        Style(plot.Axes.Title.Label, TitleSize, bold: true);
        foreach (var axis in plot.Axes.GetAxes())
        {
            Style(axis.Label, AxisLabelSize);
            axis.Label.Bold = false;
            Style(axis.TickLabelStyle, TickLabelSize);
            axis.FrameLineStyle.Color = Frame;
            axis.FrameLineStyle.Width = FrameWidth;
            axis.MajorTickStyle.Color = Frame;
            axis.MinorTickStyle.Length = 0;
        }
        plot.Grid.MajorLineColor = Grid;
        plot.Grid.LineWidth = 1;

        plot.Legend.FontName = FontName;
        plot.Legend.FontSize = LegendSize;
        plot.Legend.FontColor = Text;
        plot.Legend.OutlineColor = Grid;
        plot.Legend.ShadowFillStyle.Color = Colors.Transparent;
        plot.Legend.SymbolWidth = 32;
    }

    /// <summary>Font, size and colour of one piece of text; <paramref name="note"/> makes it an explanatory note.</summary>
    public static void Style(LabelStyle label, float size, bool bold = false, bool note = false)
    {
        // A typeface set on the label would override the name, weight and slant.
        label.Font = null;
        label.FontName = FontName;
        label.FontSize = size;
        label.Bold = bold;
        label.Italic = note;
        label.ForeColor = note ? NoteText : Text;
    }

    private static Color Tint(Color colour, double strength) => Background.MixedWith(colour, strength);
}
