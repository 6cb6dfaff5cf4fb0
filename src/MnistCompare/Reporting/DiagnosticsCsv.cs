using System.Globalization;
using System.Text;
using MnistCompare.Evaluation;

namespace MnistCompare.Reporting;

// diagnostics.csv: per activation × seed × epoch × hidden layer, what the activation's output looked like on the probe
// batch and how large the layer's weight gradients were. Numbers in invariant culture with round-trip precision;
// an empty cell is a figure that does not exist (no saturation for activations without an element-wise slope).
public static class DiagnosticsCsv
{
    public const string FileName = "diagnostics.csv";

    private static readonly string[] Columns =
        ["activation", "seed", "epoch", "layer", "mean", "std", "dead_fraction", "saturated_fraction", "gradient_norm"];

    public static string Format(IEnumerable<LayerDiagnostics> rows)
    {
        var text = new StringBuilder().AppendLine(string.Join(',', Columns));
        foreach (var d in rows)
        {
            text.AppendLine(string.Join(',', CsvCells.Quote(d.Activation), d.Seed.ToString(CultureInfo.InvariantCulture),
                d.Epoch.ToString(CultureInfo.InvariantCulture), d.Layer, Number(d.Mean), Number(d.StandardDeviation),
                Number(d.DeadFraction), Number(d.SaturatedFraction), Number(d.GradientNorm)));
        }
        return text.ToString();
    }

    public static void Write(string path, IEnumerable<LayerDiagnostics> rows) => AtomicFile.WriteAllText(path, Format(rows));

    public static IReadOnlyList<LayerDiagnostics> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != string.Join(',', Columns))
            throw new InvalidDataException($"{path}: line 1: expected the header '{string.Join(',', Columns)}'");
        var rows = new List<LayerDiagnostics>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = CsvCells.Split(lines[i]);
            if (cells.Count != Columns.Length)
                throw new InvalidDataException($"{path}: line {i + 1}: expected {Columns.Length} columns, found {cells.Count}");
            try
            {
                rows.Add(new LayerDiagnostics(cells[0], long.Parse(cells[1], CultureInfo.InvariantCulture), int.Parse(cells[2], CultureInfo.InvariantCulture),
                    cells[3], Parse(cells[4]), Parse(cells[5]), Parse(cells[6]), Parse(cells[7]), Parse(cells[8])));
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new InvalidDataException($"{path}: line {i + 1}: {e.Message}");
            }
        }
        return rows;
    }

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    private static double Parse(string cell) => cell.Length == 0 ? double.NaN : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}
