using System.Globalization;
using System.Text;
using CustomActivations;
using MnistCompare.Circles;

namespace MnistCompare.Reporting.Circles;

// accuracies.md: what was trained on what data, then one table per sweep next to its picture.
public static class CirclesAccuracyMarkdown
{
    public const string FileName = "accuracies.md";

    /// <summary>The data and the training in one line, as the run prints it first.</summary>
    public static string DescribeData(CirclesSettings settings)
    {
        var s = settings.Shape;
        return string.Create(CultureInfo.InvariantCulture,
            $"Two rings (radii {s.InnerRadius:0.###} and {s.OuterRadius:0.###}, noise {s.Noise:0.###}): {s.TrainSize} training and {s.TestSize} test points, " +
            $"seed {settings.Seed}; Adam (lr {settings.LearningRate:0.#####}), batches of {settings.BatchSize}, binary cross-entropy.");
    }

    public static string Format(CirclesSettings settings, IReadOnlyList<CirclesResult> results)
    {
        var text = new StringBuilder("# Two rings: test accuracy per configuration\n\n");
        text.Append(DescribeData(settings)).Append("\n\n");
        foreach (var group in results.GroupBy(r => r.Configuration.Sweep))
        {
            text.Append("## ").Append(CirclesPlan.Describe(settings, group.Key)).Append("\n\n");
            text.Append($"![{group.Key.Name()}]({group.Key.Name()}.png)\n\n");
            text.Append("| configuration | activation | hidden layers | epochs | parameters | train accuracy | test accuracy |\n");
            text.Append("| --- | --- | --- | ---: | ---: | ---: | ---: |\n");
            foreach (var r in group)
            {
                var c = r.Configuration;
                text.Append(CultureInfo.InvariantCulture,
                    $"| {c.Label} | {ActivationRegistry.Parse(c.Activation).DisplayName} | {c.Layers} | {c.Epochs} | {r.Parameters:N0} | " +
                    $"{Percent(r.TrainAccuracy)} | {Percent(r.TestAccuracy)} |\n");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    public static string Percent(double accuracy) => (accuracy * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
