using System.Text;

namespace MnistCompare.Reporting;

// The CSV quoting of our run files (metrics.csv, test.csv). Activation names are the only text cells, and one
// parameter holds a comma ("softplus:2,10"), so a cell with a comma or quote is quoted, RFC 4180 style.
public static class CsvCells
{
    public static string Quote(string cell) => cell.IndexOfAny(new[] { ',', '"' }) < 0 ? cell : $"\"{cell.Replace("\"", "\"\"")}\"";

    public static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
