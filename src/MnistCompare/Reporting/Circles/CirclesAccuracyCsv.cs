using System.Globalization;
using System.Text;
using MnistCompare.Circles;

namespace MnistCompare.Reporting.Circles;

// accuracies.csv: one row per trained configuration, for anyone who wants to plot or compare runs.
public static class CirclesAccuracyCsv
{
    public const string FileName = "accuracies.csv";

    public const string Header = "sweep,configuration,activation,hidden_layers,epochs,parameters,train_accuracy,test_accuracy,test_loss,seconds";

    public static string Format(IEnumerable<CirclesResult> results)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in results)
        {
            var c = r.Configuration;
            text.Append(string.Join(",",
                c.Sweep.Name(), CsvCells.Quote(c.Label), CsvCells.Quote(c.Activation), c.Layers, Invariant(c.Epochs), Invariant(r.Parameters),
                Invariant(r.TrainAccuracy), Invariant(r.TestAccuracy), Invariant(r.TestLoss), r.Seconds.ToString("F3", CultureInfo.InvariantCulture)));
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
