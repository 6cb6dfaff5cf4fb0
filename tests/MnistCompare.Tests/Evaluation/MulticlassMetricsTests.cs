using MnistCompare.Evaluation;
using TorchSharp;

namespace MnistCompare.Tests.Evaluation;

// ML.NET's multiclass metrics against the same figures computed here from their definitions, on eight predictions
// over four classes built to reach the corners: class 3 never occurs (and is never predicted), and several rows
// hold ties, which both the predicted class and the top-k ranks break towards the lower class index.
public sealed class MulticlassMetricsTests
{
    private const int Classes = 4;

    private static readonly (int Label, float[] Probabilities)[] Rows =
    [
        (0, [0.7f, 0.2f, 0.1f, 0.0f]),
        (0, [0.4f, 0.4f, 0.2f, 0.0f]),     // tie 0/1: predicted 0, right
        (1, [0.4f, 0.4f, 0.1f, 0.1f]),     // tie 0/1: predicted 0, wrong; class 1 second
        (1, [0.1f, 0.6f, 0.3f, 0.0f]),
        (2, [0.3f, 0.3f, 0.3f, 0.1f]),     // three-way tie: predicted 0; class 2 third
        (2, [0.05f, 0.15f, 0.8f, 0.0f]),
        (2, [0.25f, 0.25f, 0.25f, 0.25f]), // all equal: predicted 0; class 2 third
        (1, [0.0f, 0.0f, 1.0f, 0.0f]),     // probability 0 for the truth: log-loss at ML.NET's floor
    ];

    private static SplitPredictions Predictions() =>
        new("validation", Classes, Rows.Select(r => r.Label).ToArray(), Rows.SelectMany(r => r.Probabilities).ToArray());

    // Classes by falling probability, ties by index: the order both ML.NET and torch's argmax use.
    private static int[] Ranking(float[] p) => Enumerable.Range(0, p.Length).OrderByDescending(c => p[c]).ThenBy(c => c).ToArray();

    // ML.NET clamps a probability to [1e-15, 1] before the logarithm.
    private static double LogLoss(float p) => -Math.Log(Math.Min(1, Math.Max((float)1e-15, p)));

    [Fact]
    public void MlNetAgreesWithTheDefinitions()
    {
        var evaluation = MulticlassMetrics.Evaluate(Predictions());

        var n = Rows.Length;
        var predicted = Rows.Select(r => Ranking(r.Probabilities)[0]).ToArray();
        var confusion = new long[Classes, Classes];
        for (var i = 0; i < n; i++) confusion[Rows[i].Label, predicted[i]]++;
        var actual = Enumerable.Range(0, Classes).Select(c => Rows.Count(r => r.Label == c)).ToArray();
        var predictedCount = Enumerable.Range(0, Classes).Select(c => predicted.Count(p => p == c)).ToArray();
        var losses = Rows.Select(r => LogLoss(r.Probabilities[r.Label])).ToArray();

        Assert.Equal(n, evaluation.Count);
        Assert.Equal(4.0 / 8, evaluation.MicroAccuracy, 12);
        Assert.Equal(Enumerable.Range(0, Classes).Where(c => actual[c] > 0).Average(c => (double)confusion[c, c] / actual[c]), evaluation.MacroAccuracy, 12);
        Assert.Equal((2.0 / 2 + 1.0 / 3 + 1.0 / 3) / 3, evaluation.MacroAccuracy, 12);
        Assert.Equal(losses.Average(), evaluation.LogLoss, 9);
        var prior = -Enumerable.Range(0, Classes).Where(c => actual[c] > 0).Sum(c => (double)actual[c] / n * Math.Log((double)actual[c] / n));
        Assert.Equal((prior - losses.Average()) / prior, evaluation.LogLossReduction, 9);

        var topK = Enumerable.Range(1, MulticlassMetrics.TopK)
            .Select(k => (double)Rows.Count(r => Array.IndexOf(Ranking(r.Probabilities), r.Label) < k) / n).ToArray();
        Assert.Equal([4.0 / 8, 5.0 / 8, 8.0 / 8], topK);
        Assert.Equal(topK.Length, evaluation.TopKAccuracy.Count);
        for (var k = 0; k < topK.Length; k++) Assert.Equal(topK[k], evaluation.TopKAccuracy[k], 12);

        for (var c = 0; c < Classes; c++)
        {
            // A class never predicted has precision 0, one that never occurs recall and log-loss 0.
            var precision = predictedCount[c] == 0 ? 0 : (double)confusion[c, c] / predictedCount[c];
            var recall = actual[c] == 0 ? 0 : (double)confusion[c, c] / actual[c];
            var classLoss = actual[c] == 0 ? 0 : Enumerable.Range(0, n).Where(i => Rows[i].Label == c).Average(i => losses[i]);
            Assert.Equal(precision, evaluation.PerClassPrecision[c], 12);
            Assert.Equal(recall, evaluation.PerClassRecall[c], 12);
            Assert.Equal(classLoss, evaluation.PerClassLogLoss[c], 9);
            for (var p = 0; p < Classes; p++) Assert.Equal(confusion[c, p], evaluation.Confusion[c][p]);
        }
        Assert.Equal(0, actual[3]);
        Assert.Equal([0L, 0, 0, 0], evaluation.Confusion[3]);
    }

    [Fact]
    public void ThePredictedClassBreaksTiesTowardsTheLowerIndexAsTorchDoes()
    {
        var predictions = Predictions();
        for (var i = 0; i < predictions.Count; i++)
        {
            using var row = TorchSharp.torch.tensor(Rows[i].Probabilities);
            Assert.Equal(row.argmax().ToInt64(), predictions.Predicted(i));
        }
    }
}
