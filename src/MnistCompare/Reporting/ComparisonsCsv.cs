using System.Globalization;
using System.Text;
using MnistCompare.Evaluation;

namespace MnistCompare.Reporting;

// comparisons.csv: every pair of activations on each compared metric — the means, their difference, Welch's t, its
// degrees of freedom, the p-value and the Holm-adjusted p-value. Empty cells where a pair could not be tested.
public static class ComparisonsCsv
{
    public const string FileName = "comparisons.csv";

    private const string Header = "metric,first,second,first_seeds,second_seeds,first_mean,second_mean,difference,t,df,p,p_holm,significant";

    public static string Format(IEnumerable<PairComparison> rows)
    {
        var text = new StringBuilder().AppendLine(Header);
        foreach (var c in rows)
        {
            text.AppendLine(string.Join(',', c.Metric, CsvCells.Quote(c.First), CsvCells.Quote(c.Second),
                c.FirstSeeds.ToString(CultureInfo.InvariantCulture), c.SecondSeeds.ToString(CultureInfo.InvariantCulture),
                Number(c.FirstMean), Number(c.SecondMean), Number(c.Difference), Number(c.T), Number(c.DegreesOfFreedom),
                Number(c.P), Number(c.HolmP), c.Testable ? (c.Significant ? "true" : "false") : ""));
        }
        return text.ToString();
    }

    public static void Write(string path, IEnumerable<PairComparison> rows) => AtomicFile.WriteAllText(path, Format(rows));

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
}
