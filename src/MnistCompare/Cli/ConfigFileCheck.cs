using System.Globalization;
using CustomActivations;
using MnistCompare.Training;

namespace MnistCompare.Cli;

// Settings that come from a config.json (--config, --resume) never pass the options' validators, and a
// hand-edited or damaged file can hold values that would only fail once training starts, after the run folder
// exists: a batch size of 0 divides by zero, a null activation list throws from deep inside. The options' rules,
// applied to the settings a run would use, reported as one usage error naming the option, the file and the key.
public static class ConfigFileCheck
{
    public static RunSettings Checked(RunSettings settings, string option, string path)
    {
        if (Problem(settings) is { } problem) throw new UserError($"{option}: {path}: {problem}");
        return settings;
    }

    private static string? Problem(RunSettings s)
    {
        if (s.Activations is null || s.Activations.Count == 0) return "activations must list at least one activation";
        foreach (var name in s.Activations)
        {
            try
            {
                ActivationRegistry.Parse(name ?? "");
            }
            catch (ArgumentException e)
            {
                return $"activations: {CompareOptions.MessageWithoutParameterName(e)}";
            }
        }
        if (ActivationDuplicates.Describe(s.Activations) is { } duplicate) return $"activations: {duplicate}";
        if (string.IsNullOrWhiteSpace(s.Dataset)) return "dataset must name a dataset or a folder";
        if (s.Epochs <= 0) return Positive("epochs", s.Epochs);
        if (s.Seeds <= 0) return Positive("seeds", s.Seeds);
        if (s.BatchSize <= 0) return Positive("batch_size", s.BatchSize);
        if (s.EvalBatchSize <= 0) return Positive("eval_batch_size", s.EvalBatchSize);
        if (!(s.LearningRate > 0 && double.IsFinite(s.LearningRate))) return Positive("learning_rate", s.LearningRate);
        if (!(s.ClipValue > 0 && double.IsFinite(s.ClipValue))) return Positive("clip_value", s.ClipValue);
        if (s.TrainLimit is <= 0) return Positive("train_limit", s.TrainLimit.Value);
        if (s.ValLimit is <= 0) return Positive("val_limit", s.ValLimit.Value);
        if (s.Device is not ("cpu" or "cuda")) return $"device: unknown device '{s.Device}' (expected cpu or cuda)";
        if (s.Threads <= 0) return Positive("threads", s.Threads);
        if (s.Shard is { } shard) return ShardProblem(s, shard);
        return null;
    }

    // The recorded pairs are what the shard trains; they must be the ones its index deals from the plan, or the
    // shards of a sweep would no longer partition it.
    private static string? ShardProblem(RunSettings s, RunShard shard)
    {
        if (shard.Count < 1 || shard.Index < 1 || shard.Index > shard.Count)
            return $"shard: index {shard.Index} of count {shard.Count}: the index must be between 1 and the count";
        var dealt = RunShard.Of(s with { Shard = null }, shard.Index, shard.Count).Pairs;
        return shard.Pairs is not null && shard.Pairs.SequenceEqual(dealt)
            ? null
            : $"shard: pairs are not the ones {shard.Describe()} deals from the plan's activations and seeds";
    }

    private static string Positive(string key, double value) =>
        $"{key} must be a positive number (got {value.ToString(CultureInfo.InvariantCulture)})";
}
