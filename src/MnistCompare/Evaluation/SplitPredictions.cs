namespace MnistCompare.Evaluation;

// What a model said about every image of one split: the true class and its probability for each class, row after
// row (Probabilities[i * ClassCount + c]). Split names the split ("validation", "test").
public sealed record SplitPredictions(string Split, int ClassCount, int[] Labels, float[] Probabilities)
{
    public int Count => Labels.Length;

    public ReadOnlySpan<float> Row(int index) => Probabilities.AsSpan(index * ClassCount, ClassCount);

    // The most probable class; the lowest index among equals, as torch's argmax and ML.NET's evaluator choose.
    public int Predicted(int index)
    {
        var row = Row(index);
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best]) best = c;
        }
        return best;
    }
}
