using MnistCompare.Reporting.Charts;
using MnistCompare.Evaluation;
using MnistCompare.Model;
using ScottPlot;

namespace MnistCompare.Reporting.Diagnostics;

// activations_stats.png: a row per figure (the spread of the activation's output, the share of dead units, the share
// of saturated outputs on the probe batch) and a column per hidden layer, one line per activation.
internal static class ActivationStatsFigure
{
    public const string FileName = "activations_stats.png";

    private static readonly (string Title, string YLabel, Func<LayerDiagnostics, double> Figure, bool Share)[] Rows =
    [
        ("output std", "std of the activation's output", r => r.StandardDeviation, false),
        ("dead units", "share of units zero on every probe image", r => r.DeadFraction, true),
        ("saturated outputs", "share with |f′(x)| < 1% of its maximum", r => r.SaturatedFraction, true),
    ];

    public static byte[] Render(IReadOnlyList<LayerDiagnostics> rows)
    {
        var layers = TutorialCnn.HiddenLayers;
        var figure = new Multiplot();
        figure.AddPlots(Rows.Length * layers.Count);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(Rows.Length, layers.Count);
        for (var row = 0; row < Rows.Length; row++)
        {
            for (var column = 0; column < layers.Count; column++)
            {
                var plot = figure.GetPlot(row * layers.Count + column);
                var series = DiagnosticsSeries.For(rows, layers[column], Rows[row].Figure);
                foreach (var s in series) DiagnosticsPanel.AddLine(plot, s);
                HouseStyle.Diagnostics.Apply(plot, $"{layers[column]}: {Rows[row].Title}", "Epoch", Rows[row].YLabel);
                DiagnosticsPanel.EpochAxis(plot, series);
                // Shares keep their whole 0–1 scale: "no dead units" should look like it, not be zoomed into noise.
                if (Rows[row].Share) plot.Axes.SetLimitsY(-0.03, 1.03);
                // One legend per figure (the lines are the same activations in every panel), beside the data of the
                // first row's last panel rather than over it.
                if (row == 0 && column == layers.Count - 1) plot.ShowLegend(Edge.Right);
                else plot.HideLegend();
            }
        }
        return DiagnosticsPanel.Png(figure, layers.Count, Rows.Length);
    }
}
