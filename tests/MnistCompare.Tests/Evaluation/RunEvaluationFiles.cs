using System.Globalization;
using System.Xml.Linq;

namespace MnistCompare.Tests.Evaluation;

// The evaluation files of a run folder, read here without the app's code so the tests do not trust its writers.
public static class RunEvaluationFiles
{
    public const string ConfusionHeader = "true\\predicted,0,1,2,3,4,5,6,7,8,9";

    // confusion/<pair>.csv: the header, then ten rows "t,c0,…,c9" in order.
    public static long[,] ReadConfusion(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        Assert.Equal(ConfusionHeader, lines[0]);
        Assert.Equal(11, lines.Length);
        var counts = new long[10, 10];
        for (var t = 0; t < 10; t++)
        {
            var cells = lines[t + 1].Split(',');
            Assert.Equal(t.ToString(CultureInfo.InvariantCulture), cells[0]);
            for (var p = 0; p < 10; p++) counts[t, p] = long.Parse(cells[p + 1], CultureInfo.InvariantCulture);
        }
        return counts;
    }

    // evaluation.csv as one dictionary of cells per row, by column name.
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadTable(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            Assert.Equal(header.Length, cells.Length);
            return (IReadOnlyDictionary<string, string>)header.Zip(cells).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
    }

    public static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    // The panel names an evaluation figure's SVG lists in its metadata.
    public static IReadOnlyList<string> SvgPanels(string path)
    {
        XNamespace figure = "urn:mnistcompare:figure";
        return XDocument.Load(path).Descendants(figure + "panel").Select(p => (string)p.Attribute("name")!).ToList();
    }

    public static long Sum(long[,] counts) => counts.Cast<long>().Sum();

    public static long Trace(long[,] counts) => Enumerable.Range(0, counts.GetLength(0)).Sum(i => counts[i, i]);
}
