using System.Globalization;
using System.Text;

namespace MnistCompare.Reporting;

// confusion/<pair>.csv: rows the true class, columns the predicted one, a header row and a first column naming them.
public static class ConfusionCsv
{
    public const string Corner = "true\\predicted";

    public static string Format(IReadOnlyList<IReadOnlyList<long>> counts)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', Enumerable.Range(0, counts.Count).Select(c => c.ToString(CultureInfo.InvariantCulture)).Prepend(Corner)));
        for (var t = 0; t < counts.Count; t++)
        {
            text.AppendLine(string.Join(',', counts[t].Select(n => n.ToString(CultureInfo.InvariantCulture)).Prepend(t.ToString(CultureInfo.InvariantCulture))));
        }
        return text.ToString();
    }
}
