using System.Collections.Concurrent;
using CustomActivations;

namespace MnistCompare.Model;

// How many trainable parameters the tutorial CNN has with a given activation (maxout widens layers, prelu adds slopes).
public static class ParameterCounts
{
    private static readonly ConcurrentDictionary<(string, int), long> cache = new();

    public static long Of(string activation) => Of(activation, 28);

    public static long Of(string activation, int imageSize) => cache.GetOrAdd((activation, imageSize), key =>
    {
        using var model = new TutorialCnn(ActivationRegistry.Parse(key.Item1), key.Item2);
        return model.ParameterCount();
    });
}
