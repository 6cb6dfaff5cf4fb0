using System.Globalization;
using CustomActivations;

namespace MnistCompare.Cli;

// Two names for one activation ("relu,ReLU", "leaky-relu,leaky-relu:0.01") would train the same network twice under
// one legend, and the run folder keys its files by name, so the second overwrote or lost the first's. Two choices
// are the same when the registry builds the same module from them: same activation, same hyper-parameters, same
// learnable or per-channel form.
public static class ActivationDuplicates
{
    // "… and … are the same activation" for the first pair found, or null when every name is distinct.
    public static string? Describe(IEnumerable<string> names)
    {
        var seen = new Dictionary<string, string>();
        foreach (var name in names)
        {
            if (!ActivationRegistry.TryParse(name, out var choice, out _)) continue;
            var identity = Identity(choice);
            if (seen.TryGetValue(identity, out var first))
            {
                return first == name
                    ? $"{name} is named twice; each activation is trained once per seed (use --seeds for repeats)"
                    : $"{first} and {name} are the same activation ({choice.DisplayName}); name it once";
            }
            seen[identity] = name;
        }
        return null;
    }

    private static string Identity(ActivationChoice choice)
    {
        var form = choice.Parameter is "learnable" or "channel" ? choice.Parameter : "";
        var parameters = string.Join(";", choice.HyperParameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value.ToString("R", CultureInfo.InvariantCulture)}"));
        return $"{choice.Spec.Name}|{form}|{choice.WidthMultiplier}|{parameters}";
    }
}
