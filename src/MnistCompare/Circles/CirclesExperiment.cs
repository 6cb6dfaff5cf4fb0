namespace MnistCompare.Circles;

// The whole experiment: one data set from the seed, then every configuration of the chosen sweeps, one after
// the other, each reported as soon as it is done.
public static class CirclesExperiment
{
    public static IReadOnlyList<CirclesResult> Run(CirclesSettings settings, TwoRingsData data, Action<CirclesResult>? finished = null)
    {
        var results = new List<CirclesResult>();
        foreach (var configuration in CirclesPlan.Configurations(settings))
        {
            var result = RingsTrainer.Train(configuration, data, settings);
            results.Add(result);
            finished?.Invoke(result);
        }
        return results;
    }
}
