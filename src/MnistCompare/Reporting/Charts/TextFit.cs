using ScottPlot;

namespace MnistCompare.Reporting.Charts;

// Titles and notes are never cut: a line too wide for its room breaks at " — " first (the title from what it was
// measured on), then between words, measured with the label's own font.
public static class TextFit
{
    public static string Wrap(string text, LabelStyle style, float maxWidth)
    {
        using var paint = Paint.NewDisposablePaint();
        bool Fits(string line) => style.Measure(line, paint).Width <= maxWidth;
        if (Fits(text)) return text;

        var lines = new List<string>();
        foreach (var part in text.Split(" — "))
        {
            var line = "";
            foreach (var word in part.Split(' '))
            {
                var longer = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && !Fits(longer))
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = longer;
                }
            }
            lines.Add(line);
        }
        return string.Join("\n", lines);
    }
}
