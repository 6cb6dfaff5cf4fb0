using System.Globalization;
using System.Text;
using MnistCompare.Training;

namespace MnistCompare.Reporting;

// metrics.csv: one row per activation × seed × epoch, numbers in invariant culture with round-trip precision.
public static class MetricsCsv
{
    public const string FileName = "metrics.csv";

    private static readonly string[] Columns =
        { "activation", "seed", "epoch", "train_loss", "train_acc", "val_loss", "val_acc", "seconds", "diverged", "diverged_batch" };

    // Runs started before diverged_batch was recorded still resume and plot: their rows simply lack the batch.
    private static readonly string[] ColumnsWithoutBatch = Columns[..^1];

    public static string Format(IEnumerable<EpochMetrics> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', Columns));
        foreach (var m in rows)
        {
            text.AppendLine(string.Join(',',
                CsvCells.Quote(m.Activation), m.Seed.ToString(CultureInfo.InvariantCulture), m.Epoch.ToString(CultureInfo.InvariantCulture),
                Number(m.TrainLoss), Number(m.TrainAccuracy), Number(m.ValLoss), Number(m.ValAccuracy), Number(m.Seconds),
                m.Diverged ? "true" : "false",
                m.DivergedAtBatch is { } batch ? batch.ToString(CultureInfo.InvariantCulture) : ""));
        }
        return text.ToString();
    }

    public static void Write(string path, IEnumerable<EpochMetrics> rows) => AtomicFile.WriteAllText(path, Format(rows));

    public static IReadOnlyList<EpochMetrics> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        var lines = File.ReadAllLines(path);
        var header = lines.Length == 0 ? "" : lines[0].Trim();
        var columns = header == string.Join(',', Columns) ? Columns.Length
            : header == string.Join(',', ColumnsWithoutBatch) ? ColumnsWithoutBatch.Length
            : throw new InvalidDataException($"{path}: line 1: expected the header '{string.Join(',', Columns)}'");
        var rows = new List<EpochMetrics>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = CsvCells.Split(lines[i]);
            if (cells.Count != columns)
                throw new InvalidDataException($"{path}: line {i + 1}: expected {columns} columns, found {cells.Count}");
            try
            {
                int? batch = columns == Columns.Length && cells[^1].Length > 0 ? int.Parse(cells[^1], NumberStyles.None, CultureInfo.InvariantCulture) : null;
                rows.Add(new EpochMetrics(cells[0], long.Parse(cells[1], CultureInfo.InvariantCulture), int.Parse(cells[2], CultureInfo.InvariantCulture),
                    Parse(cells[3]), Parse(cells[4]), Parse(cells[5]), Parse(cells[6]), Parse(cells[7]), bool.Parse(cells[8]), batch));
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new InvalidDataException($"{path}: line {i + 1}: {e.Message}");
            }
        }
        return rows;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double Parse(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}
