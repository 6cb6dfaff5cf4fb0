namespace MnistCompare.Reporting;

// One figure of a run folder: its name without extension, what the report calls it, and the files it exists as.
public sealed record ReportFigure(string Name, string Caption, string? SvgPath, string? PngPath);

// The figures report.html shows, in the order a reader wants them: the curves, then how the models err, then why
// (the diagnostics). Any other picture found in the folder follows, by name, so that a figure added later is never
// left out of the page because this list was not updated.
public static class ReportFigures
{
    public static readonly IReadOnlyList<(string Name, string Caption)> Known =
    [
        ("val_accuracy", "Validation accuracy per epoch"),
        ("val_loss", "Validation loss per epoch"),
        ("train_loss", "Training loss per epoch"),
        ("confusion", "Confusion matrices"),
        ("mistakes", "Misclassified images"),
        ("gradients", "Gradient norms per layer"),
        ("activations_stats", "Activation statistics per layer"),
    ];

    public static IReadOnlyList<ReportFigure> In(string folder)
    {
        var pictures = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder)
                .Where(f => Path.GetExtension(f) is ".svg" or ".png" && !Path.GetFileName(f).StartsWith('.'))
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal)
            : [];
        var captions = Known.ToDictionary(k => k.Name, k => k.Caption, StringComparer.Ordinal);
        var others = pictures.Where(n => !captions.ContainsKey(n)).Order(StringComparer.Ordinal);
        return Known.Select(k => k.Name).Where(pictures.Contains).Concat(others)
            .Select(name => new ReportFigure(name, captions.GetValueOrDefault(name, name),
                Existing(Path.Combine(folder, name + ".svg")), Existing(Path.Combine(folder, name + ".png"))))
            .ToList();
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;
}
