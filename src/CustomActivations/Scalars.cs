using System.Collections.Concurrent;
using TorchSharp;

namespace CustomActivations;

// The numbers the activations pass to tensor ops, each made into a TorchSharp Scalar once. A double passed directly
// becomes a new native Scalar on every call, and so does the alpha of 1 that add(x) and add_(x) pass on; TorchSharp
// 0.107 frees those only in finalisers (dotnet/TorchSharp#1434, #1496). Between garbage collections these few bytes
// sit among the tensors' freed blocks on the native heap and keep them from being reused: a SELU training step left
// about 10 MB behind while no collection ran (measured with a 128×64×24×24 input), and the default run's resident
// memory grew to 4.4 GB. The cache holds the constants of the formulas and the hyper-parameters of the activations
// in use, a few dozen values at most.
internal static class Scalars
{
    private static readonly ConcurrentDictionary<double, Scalar> cache = new();

    internal static Scalar Of(double value) => cache.GetOrAdd(value, static v => v.ToScalar());

    // For the alpha of add and add_: their one-argument overloads pass a fresh Scalar 1 themselves.
    internal static Scalar One { get; } = Of(1.0);
}
