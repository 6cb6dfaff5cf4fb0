using System.Globalization;
using MnistCompare.Evaluation;
using ScottPlot;
using Style = MnistCompare.Reporting.Charts.HouseStyle.ClassifierFigures;

namespace MnistCompare.Reporting;

// mistakes.png: one row per activation of the validation images it gets wrong with the highest confidence (over
// all its seeds), most confident first, each captioned "true → predicted" and the model's probability.
public static class MistakesFigure
{
    public const string Name = "mistakes";

    public static void Render(RunFolder folder, IReadOnlyList<ActivationEvaluation> activations)
    {
        if (activations.Count == 0) return;
        var slots = PairEvaluation.MistakesKept;
        var (width, height) = (slots * Style.MistakeWidth + 2 * Style.MistakesMargin, activations.Count * Style.MistakesRowHeight);
        var figure = FigureFile.Multiplot(activations.Select(a => Row(a, slots)), new ScottPlot.MultiplotLayouts.Grid(activations.Count, 1));
        FigureFile.WritePng(folder.PlotPath(Name, "png"), figure, width, height);
    }

    // Each image fills a unit square at x = k·Pitch; its caption sits below it.
    private const double Pitch = 1.25;

    private static Plot Row(ActivationEvaluation activation, int slots)
    {
        var plot = new Plot();
        plot.Font.Set(Style.FontName);
        plot.FigureBackground.Color = Style.Background;
        plot.DataBackground.Color = Style.Background;
        for (var k = 0; k < activation.Mistakes.Count; k++)
        {
            var mistake = activation.Mistakes[k];
            var image = plot.Add.Heatmap(Grey(mistake));
            image.Colormap = new ScottPlot.Colormaps.Grayscale();
            image.ManualRange = new ScottPlot.Range(0, 255);
            image.Smooth = false;
            // ScottPlot places the edge pixels' centres on the extent; the image fills [k·Pitch, k·Pitch + 1] × [0, 1].
            var (halfWidth, halfHeight) = (0.5 / mistake.Width, 0.5 / mistake.Height);
            image.Extent = new CoordinateRect(k * Pitch + halfWidth, k * Pitch + 1 - halfWidth, halfHeight, 1 - halfHeight);
            var caption = plot.Add.Text(string.Create(CultureInfo.InvariantCulture,
                $"{mistake.TrueClass} → {mistake.PredictedClass}\n{mistake.Confidence * 100:F1}%"), k * Pitch + 0.5, -0.06);
            caption.Alignment = Alignment.UpperCenter;
            caption.LabelFontName = Style.FontName;
            caption.LabelFontSize = Style.CaptionSize;
            caption.LabelFontColor = Style.Text;
        }
        if (activation.Mistakes.Count == 0)
        {
            var none = plot.Add.Text("no mistakes", slots * Pitch / 2, 0.5);
            none.Alignment = Alignment.MiddleCenter;
            none.LabelFontName = Style.FontName;
            none.LabelFontSize = Style.CaptionSize;
            none.LabelFontColor = Style.Text;
        }
        plot.Axes.SetLimits(-0.1, slots * Pitch - 0.15, -0.55, 1.05);
        plot.HideAxesAndGrid();
        plot.Axes.Title.IsVisible = true;
        plot.Title($"{ActivationDisplayName.Of(activation.Activation)}: most confident mistakes (true → predicted, probability)", Style.TitleSize);
        return plot;
    }

    private static double[,] Grey(ConfidentMistake mistake)
    {
        var values = new double[mistake.Height, mistake.Width];
        for (var r = 0; r < mistake.Height; r++)
        {
            for (var c = 0; c < mistake.Width; c++) values[r, c] = mistake.Pixels[r * mistake.Width + c];
        }
        return values;
    }
}
