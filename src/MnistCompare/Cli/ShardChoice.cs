using System.Globalization;

namespace MnistCompare.Cli;

// What --shard asked for: shard Index (1-based) of Count, written K/N, or `slurm` for the shard of the Slurm
// job-array task this process runs in.
public sealed record ShardChoice(int Index, int Count)
{
    public const string Slurm = "slurm";

    // FormatException carries the one line to show: the option, the value and what was expected.
    public static ShardChoice Parse(string text, Func<string, string?> environment)
    {
        if (text.Trim().Equals(Slurm, StringComparison.OrdinalIgnoreCase)) return SlurmArrayTask.Shard(environment);
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"--shard: '{text}' is not K/N (e.g. 2/5: the second of five shards) or '{Slurm}'");
        }
        if (count < 1 || index < 1 || index > count)
            throw new FormatException($"--shard: '{text}': K must be between 1 and N, and N at least 1");
        return new ShardChoice(index, count);
    }
}
