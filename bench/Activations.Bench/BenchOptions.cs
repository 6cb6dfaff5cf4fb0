using System.Globalization;

namespace Activations.Bench;

// Command-line options of the benchmark.
internal sealed record BenchOptions(int Runs, int Warmup, int Threads, long[] Shape, bool All, IReadOnlyList<string> Activations)
{
    // The five activations with a speed target, in the order.
    internal static readonly string[] Targeted = { "gelu", "selu", "elu", "leaky-relu:0.2", "sigmoid" };

    internal const double TargetRatio = 1.5;

    internal const string Usage =
        """
        Activations.Bench: forward + backward of each custom activation vs libtorch's built-in.
          --runs N          timed runs per activation and implementation (default 15; the median is reported)
          --warmup N        untimed runs first (default 3)
          --threads N       libtorch threads (default: the number of processors)
          --shape AxBxCxD   input shape (default 128x64x24x24, the tutorial's shape after its second convolution)
          --all             every activation that has a built-in, not only the five with a speed target
          --activations L   a comma-separated list of registry names instead
        """;

    internal static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(15, 3, Environment.ProcessorCount, new long[] { 128, 64, 24, 24 }, false, Targeted);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--runs" => options with { Runs = Positive(Value(), "--runs") },
                "--warmup" => options with { Warmup = NonNegative(Value(), "--warmup") },
                "--threads" => options with { Threads = Positive(Value(), "--threads") },
                "--shape" => options with { Shape = ParseShape(Value()) },
                "--all" => options with { All = true },
                "--activations" => options with { Activations = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        return options;
    }

    private static int Positive(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{option} needs a positive integer, got '{text}'.");

    private static int NonNegative(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{option} needs an integer ≥ 0, got '{text}'.");

    private static long[] ParseShape(string text)
    {
        var parts = text.Split('x', 'X');
        var shape = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]) || shape[i] <= 0)
                throw new ArgumentException($"--shape needs sizes like 128x64x24x24, got '{text}'.");
        }
        return shape;
    }
}
