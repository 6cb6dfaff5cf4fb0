namespace MnistCompare.Cli;

// A duration as people say it in a progress line: "40 s", "3 min 20 s", "2 h 05 min".
public static class Durations
{
    public static string Describe(TimeSpan span)
    {
        var seconds = (long)Math.Round(Math.Max(0, span.TotalSeconds));
        if (seconds < 60) return $"{seconds} s";
        if (seconds < 3600) return $"{seconds / 60} min {seconds % 60:00} s";
        return $"{seconds / 3600} h {seconds % 3600 / 60:00} min";
    }
}
