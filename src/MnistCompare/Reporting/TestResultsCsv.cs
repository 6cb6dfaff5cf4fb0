using System.Globalization;
using System.Text;
using MnistCompare.Training;

namespace MnistCompare.Reporting;


// test.csv: the one test-set evaluation per activation × seed that --validation holdout makes at the end.
public static class TestResultsCsv
{
    private const string Header = "activation,seed,test_loss,test_acc";

    public static void Write(string path, IEnumerable<KeyValuePair<(string Activation, long Seed), LossAndAccuracy>> results)
    {
        var text = new StringBuilder().AppendLine(Header);
        foreach (var ((activation, seed), result) in results)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{CsvCells.Quote(activation)},{seed},{result.Loss:R},{result.Accuracy:R}"));
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    public static IReadOnlyDictionary<(string Activation, long Seed), LossAndAccuracy> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != Header) throw new InvalidDataException($"{path}: line 1: expected the header '{Header}'");
        var results = new Dictionary<(string, long), LossAndAccuracy>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = CsvCells.Split(lines[i]);
            if (cells.Count != 4 || !long.TryParse(cells[1], CultureInfo.InvariantCulture, out var seed) ||
                !double.TryParse(cells[2], CultureInfo.InvariantCulture, out var loss) ||
                !double.TryParse(cells[3], CultureInfo.InvariantCulture, out var accuracy))
            {
                throw new InvalidDataException($"{path}: line {i + 1}: expected activation,seed,test_loss,test_acc");
            }
            results[(cells[0], seed)] = new LossAndAccuracy(loss, accuracy);
        }
        return results;
    }
}
