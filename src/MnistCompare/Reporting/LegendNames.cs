using CustomActivations;

namespace MnistCompare.Reporting;

// The name people read for an activation, the same in the figures, summary.md and the terminal: the registry's
// legend name with its parameter ("Leaky ReLU (0.2)"). A name the registry does not know (a series labelled with
// its run by `plot --label-runs`) is shown as it is.
public static class LegendNames
{
    public static string Of(string activation) =>
        ActivationRegistry.TryParse(activation, out var choice, out _) ? choice.DisplayName : activation;
}
