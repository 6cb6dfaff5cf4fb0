using System.Globalization;

namespace MnistCompare.Cli;

// `--shard slurm`: the shard of a Slurm job-array task, from the variables Slurm sets in every task. Task ids need
// not start at 1 (--array=0-3, or --array=5-8 to resume part of a sweep), so the shard is the task's position in
// the array counted from SLURM_ARRAY_TASK_MIN, in steps of SLURM_ARRAY_TASK_STEP. An array whose ids are not an
// evenly spaced range (--array=1,4,9) has no such position; it is refused rather than guessed at.
public static class SlurmArrayTask
{
    public static ShardChoice Shard(Func<string, string?> environment)
    {
        var id = Integer(environment, "SLURM_ARRAY_TASK_ID")
                 ?? throw new FormatException("--shard slurm: SLURM_ARRAY_TASK_ID is not set, so this is not a task of a Slurm job array " +
                                              "(submit with sbatch --array=0-<N-1>, or pass --shard K/N)");
        var count = Required(environment, "SLURM_ARRAY_TASK_COUNT");
        var min = Required(environment, "SLURM_ARRAY_TASK_MIN");
        var step = Integer(environment, "SLURM_ARRAY_TASK_STEP") ?? 1;
        var max = Integer(environment, "SLURM_ARRAY_TASK_MAX");
        var offset = id - min;
        var evenRange = step >= 1 && count >= 1 && offset >= 0 && offset % step == 0 && offset / step < count &&
                        (max is null || ((max.Value - min) % step == 0 && (max.Value - min) / step + 1 == count));
        if (!evenRange)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"--shard slurm: task {id} of an array of {count} tasks from {min}{(max is null ? "" : $" to {max}")} in steps of {step} " +
                $"is not one of {count} evenly spaced ids; submit with --array=0-{Math.Max(count - 1, 0)}, or pass --shard K/N"));
        }
        return new ShardChoice((int)(offset / step) + 1, (int)count);
    }

    private static long Required(Func<string, string?> environment, string name) =>
        Integer(environment, name) ?? throw new FormatException($"--shard slurm: {name} is not set although SLURM_ARRAY_TASK_ID is; is this a Slurm job array?");

    private static long? Integer(Func<string, string?> environment, string name)
    {
        var text = environment(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"--shard slurm: {name} is '{text}', not a whole number");
    }
}
