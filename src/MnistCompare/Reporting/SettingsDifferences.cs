using System.Text.Json.Nodes;
using MnistCompare.Training;

namespace MnistCompare.Reporting;

// Whether two runs measured the same thing: the settings in which they differ, by their config.json names, so that
// a refusal can name them ("epochs", "dataset"). Comparing config.json's properties rather than a hand-kept list
// means a setting added later is compared without anyone remembering to. Two properties are not compared: `shard`
// says which part of a plan a run trained, and `threads` only how the work was spread over the cores.
public static class SettingsDifferences
{
    public static readonly IReadOnlySet<string> Ignored = new HashSet<string> { "shard", "threads" };

    public static IReadOnlyList<string> Between(RunSettings a, RunSettings b)
    {
        var (left, right) = (RunConfigFile.ToJson(a), RunConfigFile.ToJson(b));
        return left.Select(p => p.Key).Union(right.Select(p => p.Key))
            .Where(name => !Ignored.Contains(name) && !JsonNode.DeepEquals(left[name], right[name]))
            .ToList();
    }

    // A setting's value as config.json writes it, for messages: 2, "fashion", ["relu","gelu"], null.
    public static string ValueOf(RunSettings settings, string name) => RunConfigFile.ToJson(settings)[name]?.ToJsonString() ?? "null";
}
