using MnistCompare.Data;
using static TorchSharp.torch;

namespace MnistCompare.Evaluation;

// Collects a model's class probabilities for one split while it is scored batch by batch, in the split's order.
// The labels cross to the host once, up front; each batch's probabilities cross once, as one block.
public sealed class PredictionRecorder
{
    private readonly string split;
    private readonly int[] labels;
    private float[] probabilities = [];
    private int classCount;
    private int recorded;

    public PredictionRecorder(string split, DatasetSplit data)
    {
        this.split = split;
        // A scope, not `using`: on the CPU, cpu() may hand back the split's own tensor, which is not ours to free.
        using var scope = NewDisposeScope();
        labels = data.Labels.cpu().data<long>().Select(label => (int)label).ToArray();
    }

    // `logProbabilities` is the model's output for the next rows of the split: [batch, classes] log-softmax.
    public void Record(Tensor logProbabilities)
    {
        var rows = (int)logProbabilities.shape[0];
        if (recorded == 0)
        {
            classCount = (int)logProbabilities.shape[1];
            probabilities = new float[labels.Length * classCount];
        }
        if (recorded + rows > labels.Length) throw new InvalidOperationException($"{split}: more rows scored than the split's {labels.Length}");
        using var scope = NewDisposeScope();
        logProbabilities.detach().exp().to(float32).cpu().contiguous().data<float>().CopyTo(probabilities, recorded * classCount);
        recorded += rows;
    }

    public SplitPredictions Result()
    {
        if (recorded != labels.Length) throw new InvalidOperationException($"{split}: {recorded} of {labels.Length} rows scored");
        return new SplitPredictions(split, classCount, labels, probabilities);
    }
}
