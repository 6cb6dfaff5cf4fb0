using ScottPlot;

namespace MnistCompare.Reporting.Charts;

public static partial class HouseStyle
{
// The evaluation figures (confusion.png/.svg, mistakes.png): the house font, text and background, and the colours
// that only a confusion matrix needs.
public static class ClassifierFigures
{
    public const string FontName = HouseStyle.FontName;
    public const float TitleSize = 18;
    public const float AxisLabelSize = 14;
    public const float TickLabelSize = 12;
    public const float CellTextSize = 12;
    public const float CaptionSize = 13;

    public static readonly Color Background = HouseStyle.Background;
    public static readonly Color Text = HouseStyle.Text;
    public static readonly Color TextOnDark = Colors.White;

    // Off-diagonal cells: white for none, deepening red for more mistakes, on one scale for every panel.
    public static readonly IColormap MistakeShades = new ScottPlot.Colormaps.Amp();

    // Correct predictions: a neutral blue-grey with a dark outline, so the diagonal never reads as mistakes.
    public static readonly Color DiagonalFill = Color.FromHex("#d6e2f0");
    public static readonly Color DiagonalOutline = Color.FromHex("#2b4c7e");
    public const float DiagonalOutlineWidth = 2;

    // Above this fraction of the colour scale a cell is dark enough for light text.
    public const double DarkCellFraction = 0.55;

    public const int ConfusionPanelWidth = 520;
    public const int ConfusionPanelHeight = 540;
    public const int ConfusionColumns = 3;

    public const int MistakeWidth = 130;
    public const int MistakesRowHeight = 210;
    public const int MistakesMargin = 60;
}
}
