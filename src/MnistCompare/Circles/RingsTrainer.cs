using System.Diagnostics;
using CustomActivations;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MnistCompare.Circles;

// Trains one configuration: binary cross-entropy on the logit, Adam, shuffled mini-batches (the whole training set
// in one batch when the batch size reaches it). The seed fixes the initial weights and the shuffling, and every
// configuration starts from the same seed, so two configurations differ only in what the sweep varies.
public static class RingsTrainer
{
    public const int MapResolution = 120;

    public static CirclesResult Train(CirclesConfiguration configuration, TwoRingsData data, CirclesSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var activation = ActivationRegistry.Parse(configuration.Activation);
        random.manual_seed(settings.Seed);
        using var shuffling = new Generator((ulong)settings.Seed);
        using var model = new RingsClassifier(activation, configuration.HiddenWidths);
        using var optimizer = optim.Adam(model.parameters(), settings.LearningRate);
        using var features = data.Train.Features();
        using var targets = data.Train.Targets();

        var count = data.Train.Count;
        var batchSize = Math.Min(settings.BatchSize, count);
        model.train();
        for (var epoch = 0; epoch < configuration.Epochs; epoch++)
        {
            // A full batch needs no shuffling; skipping it saves the index_select copies of every step.
            using var order = batchSize < count ? randperm(count, generator: shuffling) : null;
            for (var start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var indices = order?.narrow(0, start, Math.Min(batchSize, count - start));
                var (x, y) = indices is null ? (features, targets) : (features.index_select(0, indices), targets.index_select(0, indices));
                optimizer.zero_grad();
                var loss = F.binary_cross_entropy_with_logits(model.call(x), y);
                loss.backward();
                optimizer.step();
            }
        }

        model.eval();
        var train = Evaluate(model, data.Train);
        var test = Evaluate(model, data.Test);
        var map = ProbabilityMap.Evaluate(model, data.Shape.PlaneHalfWidth, MapResolution);
        return new CirclesResult(configuration, train.Accuracy, test.Accuracy, test.Loss, model.ParameterCount(), clock.Elapsed.TotalSeconds, map);
    }

    /// <summary>Mean binary cross-entropy and the share of points on the right side of p = 0.5.</summary>
    public static (double Loss, double Accuracy) Evaluate(RingsClassifier model, LabelledPoints points)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var logits = model.call(points.Features());
        var loss = F.binary_cross_entropy_with_logits(logits, points.Targets()).ToDouble();
        var predicted = logits.data<float>().ToArray();
        var correct = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            if ((predicted[i] > 0) == (points.Labels[i] > 0.5f)) correct++;
        }
        return (loss, (double)correct / points.Count);
    }
}
