using CustomActivations;

namespace MnistCompare.Circles;

// Turns the settings into the list of networks to train, sweep by sweep, in the order the pictures show them.
public static class CirclesPlan
{
    public static IReadOnlyList<CirclesConfiguration> Configurations(CirclesSettings settings) =>
        settings.Sweeps.Distinct().SelectMany(sweep => Configurations(settings, sweep)).ToList();

    public static IReadOnlyList<CirclesConfiguration> Configurations(CirclesSettings settings, CirclesSweep sweep)
    {
        var sweepActivation = settings.SweepActivation;
        return sweep switch
        {
            CirclesSweep.Activations => settings.Activations
                .Select(a => new CirclesConfiguration(sweep, ActivationRegistry.Parse(a).DisplayName, a, settings.ActivationLayers, settings.Epochs))
                .ToList(),
            CirclesSweep.Widths => settings.Widths
                .Select(w => new CirclesConfiguration(sweep, $"width {w}", sweepActivation, new[] { w }, settings.Epochs))
                .ToList(),
            CirclesSweep.Depths => settings.Depths
                .Select(d => new CirclesConfiguration(sweep, d == 1 ? "1 layer" : $"{d} layers", sweepActivation,
                    Enumerable.Repeat(settings.DepthWidth, d).ToArray(), settings.Epochs))
                .ToList(),
            CirclesSweep.Epochs => settings.EpochsList
                .Select(e => new CirclesConfiguration(sweep, e == 1 ? "1 epoch" : $"{e} epochs", sweepActivation, settings.EpochsLayers, e))
                .ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(sweep), sweep, null),
        };
    }

    /// <summary>What the sweep varies and what it holds fixed, for titles: "By depth at width 8 (ReLU, 50 epochs)".</summary>
    public static string Describe(CirclesSettings settings, CirclesSweep sweep)
    {
        var activation = ActivationRegistry.Parse(settings.SweepActivation).DisplayName;
        return sweep switch
        {
            CirclesSweep.Activations => $"By activation (hidden layers {CirclesConfiguration.FormatLayers(settings.ActivationLayers)}, {Epochs(settings.Epochs)})",
            CirclesSweep.Widths => $"By width of one hidden layer ({activation}, {Epochs(settings.Epochs)})",
            CirclesSweep.Depths => $"By depth at width {settings.DepthWidth} ({activation}, {Epochs(settings.Epochs)})",
            CirclesSweep.Epochs => $"By epochs ({activation}, hidden layers {CirclesConfiguration.FormatLayers(settings.EpochsLayers)})",
            _ => throw new ArgumentOutOfRangeException(nameof(sweep), sweep, null),
        };
    }

    private static string Epochs(int epochs) => epochs == 1 ? "1 epoch" : $"{epochs} epochs";
}
