using MnistCompare.Reporting.Charts;
using MnistCompare.Evaluation;
using MnistCompare.Model;
using ScottPlot;

namespace MnistCompare.Reporting.Diagnostics;

// gradients.png: one panel per hidden layer, the mean L2 norm of its weight gradient per epoch on a log axis (a
// vanishing gradient is orders of magnitude, not percent), one line per activation.
internal static class GradientsFigure
{
    public const string FileName = "gradients.png";

    public static byte[] Render(IReadOnlyList<LayerDiagnostics> rows)
    {
        var layers = TutorialCnn.HiddenLayers;
        var figure = new Multiplot();
        figure.AddPlots(layers.Count);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(1, layers.Count);
        for (var i = 0; i < layers.Count; i++)
        {
            var plot = figure.GetPlot(i);
            var series = DiagnosticsSeries.For(rows, layers[i], r => r.GradientNorm > 0 ? Math.Log10(r.GradientNorm) : double.NaN);
            foreach (var s in series) DiagnosticsPanel.AddLine(plot, s);
            HouseStyle.Diagnostics.Apply(plot, $"{layers[i]}: weight gradient before clipping", "Epoch", "‖∇W‖₂, mean over the epoch's batches");
            DiagnosticsPanel.LogAxis(plot, series);
            DiagnosticsPanel.EpochAxis(plot, series);
            // One legend per figure (the lines are the same activations in every panel), beside the last panel's data
            // rather than over it.
            if (i == layers.Count - 1) plot.ShowLegend(Edge.Right);
            else plot.HideLegend();
        }
        return DiagnosticsPanel.Png(figure, layers.Count, 1);
    }
}
