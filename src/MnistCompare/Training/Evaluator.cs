using MnistCompare.Data;
using MnistCompare.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace MnistCompare.Training;

// Loss and accuracy of a model over a whole set, in eval mode and in inference mode: no graph is built, and unlike
// no_grad, libtorch also skips the version counters and view tracking of every tensor it creates. The batch stays at
// the training batch size (RunSettings.EvalBatchSize says why). A recorder, when given, keeps every image's class
// probabilities from the same pass, so the final evaluation costs no second pass over the split.
public static class Evaluator
{
    public static LossAndAccuracy Evaluate(nn.Module<Tensor, Tensor> model, DatasetSplit data, int batchSize, PredictionRecorder? recorder = null)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = inference_mode();
            double lossSum = 0;
            long correct = 0;
            for (var start = 0; start < data.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var length = Math.Min(batchSize, data.Count - start);
                var images = data.Images(start, length);
                var labels = data.Labels.narrow(0, start, length);
                var output = model.call(images);
                recorder?.Record(output);
                lossSum += nn.functional.nll_loss(output, labels, reduction: nn.Reduction.Sum).ToDouble();
                correct += output.argmax(1).eq(labels).sum().ToInt64();
            }
            return new LossAndAccuracy(lossSum / data.Count, (double)correct / data.Count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
