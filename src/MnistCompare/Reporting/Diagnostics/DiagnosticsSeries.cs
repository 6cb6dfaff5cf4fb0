using MnistCompare.Evaluation;

namespace MnistCompare.Reporting.Diagnostics;

// One line of a diagnostics panel: a figure of one layer per epoch for one activation, the mean over its seeds.
internal sealed record DiagnosticsSeries(string Name, int ColorIndex, double[] Epochs, double[] Values)
{
    // Lines in the order the activations first appear (the order the user asked for, as in the curve charts); epochs
    // where the figure does not exist (NaN: no saturation for maxout) are left out.
    public static IReadOnlyList<DiagnosticsSeries> For(IReadOnlyList<LayerDiagnostics> rows, string layer, Func<LayerDiagnostics, double> figure)
    {
        var activations = rows.Select(r => r.Activation).Distinct().ToList();
        return activations.Select((activation, index) =>
            {
                var byEpoch = rows.Where(r => r.Activation == activation && r.Layer == layer && !double.IsNaN(figure(r)))
                    .GroupBy(r => r.Epoch).OrderBy(g => g.Key).ToList();
                return new DiagnosticsSeries(LegendNames.Of(activation), index,
                    byEpoch.Select(g => (double)g.Key).ToArray(), byEpoch.Select(g => g.Average(figure)).ToArray());
            })
            .Where(s => s.Epochs.Length > 0)
            .ToList();
    }
}
