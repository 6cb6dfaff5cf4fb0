using MnistCompare.Evaluation;

namespace MnistCompare.Reporting.Diagnostics;

// The two figures of diagnostics.csv, written into a run folder like its other files (replaced atomically).
public static class DiagnosticsFigures
{
    public static readonly IReadOnlyList<string> FileNames = [GradientsFigure.FileName, ActivationStatsFigure.FileName];

    public static void Render(RunFolder folder, IReadOnlyList<LayerDiagnostics> rows)
    {
        if (rows.Count == 0) return;
        var gradients = GradientsFigure.Render(rows);
        AtomicFile.Write(Path.Combine(folder.Path, GradientsFigure.FileName), stream => stream.Write(gradients));
        var statistics = ActivationStatsFigure.Render(rows);
        AtomicFile.Write(Path.Combine(folder.Path, ActivationStatsFigure.FileName), stream => stream.Write(statistics));
    }
}
