using System.Text.Json.Nodes;
using MnistCompare.Training;

namespace MnistCompare.Reporting;

// One setting two runs do not share, by its config.json key, with both values as config.json shows them.
public sealed record SettingDifference(string Key, string First, string Second)
{
    public override string ToString() => $"{Key} ({First} vs {Second})";
}

// Which settings of two runs differ: curves trained differently (other images, epochs, learning rate…) cannot share
// a chart under one description. Compared key by key over config.json, so a setting added later is compared too;
// each kind of merge says which keys may differ.
public static class SettingsComparison
{
    // What merging combines (the activations and seeds of separate runs) and where or how fast a run went: never a
    // reason that curves cannot share a chart.
    public static readonly IReadOnlyList<string> MergedOrMachineKeys = ["activations", "seed", "seeds", "device", "threads", "parallel", "threads_per_training"];

    // The shards of one sweep share the whole plan; they differ only in which part of it each trained, and where.
    public static readonly IReadOnlyList<string> ShardOrMachineKeys = ["shard", "threads", "parallel", "threads_per_training"];

    // `ignore`: the keys that may differ (default: those of merging separate runs).
    public static IReadOnlyList<SettingDifference> Between(RunSettings first, RunSettings second, IEnumerable<string>? ignore = null)
    {
        var ignored = (ignore ?? MergedOrMachineKeys).ToHashSet(StringComparer.Ordinal);
        var (a, b) = (RunConfigFile.ToJson(first), RunConfigFile.ToJson(second));
        var differences = new List<SettingDifference>();
        foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Where(k => !ignored.Contains(k)))
        {
            var (x, y) = (a[key], b[key]);
            // A config.json written before image counts were recorded does not know them; its other settings say enough.
            if (key == "images" && (x is null || y is null)) continue;
            if (!JsonNode.DeepEquals(x, y)) differences.Add(new SettingDifference(key, Show(x), Show(y)));
        }
        return differences;
    }

    private static string Show(JsonNode? value) => value switch
    {
        null => "none",
        JsonObject o => string.Join(", ", o.Select(p => $"{p.Key} {Show(p.Value)}")),
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(),
    };
}
