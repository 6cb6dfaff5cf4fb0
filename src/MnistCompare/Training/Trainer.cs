using System.Diagnostics;
using CustomActivations;
using MnistCompare.Evaluation;
using MnistCompare.Model;
using MnistCompare.Reporting;
using TorchSharp;
using static TorchSharp.torch;

namespace MnistCompare.Training;

// Trains the tutorial CNN with one activation and one seed: Adam, NLL loss, gradient value clipping, a
// validation pass after every epoch. The seed fixes the initial weights, the shuffling and the dropout masks.
public sealed class Trainer
{
    private readonly RunSettings settings;
    private readonly TrainingData data;
    private readonly ITrainingObserver observer;

    public Trainer(RunSettings settings, TrainingData data, ITrainingObserver observer)
    {
        this.settings = settings;
        this.data = data;
        this.observer = observer;
    }

    // `earlier` holds the epochs a checkpoint already covers (empty for a fresh start); training goes on from the
    // checkpoint after them. A checkpoint is written after every epoch and removed once the weights are saved.
    public RunOutcome Train(string activationName, long seed, TrainingFiles files, IReadOnlyList<EpochMetrics> earlier,
        CancellationToken cancellation = default)
    {
        var activation = ActivationRegistry.Parse(activationName);
        var identity = new Checkpoint.Identity(activationName, seed);
        random.manual_seed(seed);
        using var shuffling = new Generator((ulong)seed);
        using var model = new TutorialCnn(activation, data.ImageSize, settings.Precision).to(data.Device);
        using var optimizer = optim.Adam(model.parameters(), settings.LearningRate);
        if (earlier.Count > 0)
        {
            var path = files.CheckpointPath ?? throw new ArgumentException("continuing a training needs its checkpoint", nameof(files));
            var epoch = Checkpoint.Load(path, identity, model, optimizer, shuffling);
            if (epoch != earlier.Count) throw new CheckpointException(path, $"it ends epoch {epoch}, but {earlier.Count} epochs are recorded");
        }
        using var probe = settings.Diagnostics ? new ActivationProbe(data.Validation) : null;
        var history = new List<EpochMetrics>(earlier);
        Divergence? divergence = null;
        PredictionRecorder? finalValidation = null;
        observer.RunStarted(activationName, seed, history.Count + 1);
        FinalizedNativeMemory.ReturnToSystem();     // what loading the data and building the model left behind

        for (var epoch = history.Count + 1; epoch <= settings.Epochs && divergence is null; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var gradientNorms = probe is null ? null : new GradientNorms();
            var (trainLoss, trainAccuracy, diverged) = TrainEpoch(model, optimizer, shuffling, activationName, seed, epoch, gradientNorms, cancellation);
            divergence = diverged;
            var trained = clock.Elapsed;
            // The last epoch's validation pass also keeps the predictions the final evaluation needs.
            finalValidation = epoch == settings.Epochs && divergence is null ? new PredictionRecorder(SplitEvaluation.Validation, data.Validation) : null;
            var validation = divergence is null
                ? Evaluator.Evaluate(model, data.Validation, settings.EvalBatchSize, finalValidation)
                : new LossAndAccuracy(double.NaN, double.NaN);
            var metrics = new EpochMetrics(activationName, seed, epoch, trainLoss, trainAccuracy, validation.Loss, validation.Accuracy,
                clock.Elapsed.TotalSeconds, divergence is not null, divergence?.Batch, (clock.Elapsed - trained).TotalSeconds);
            history.Add(metrics);
            if (probe is not null && gradientNorms is not null && divergence is null)
                observer.DiagnosticsMeasured(Diagnose(model, activation, probe, gradientNorms, activationName, seed, epoch));
            // The metrics go out before the checkpoint: a checkpoint never ends an epoch the metrics lack.
            observer.EpochCompleted(metrics);
            if (divergence is null && files.CheckpointPath is { } checkpoint) Checkpoint.Save(checkpoint, identity, epoch, model, optimizer, shuffling);
            FinalizedNativeMemory.ReturnToSystem();
        }

        LossAndAccuracy? finalTest = null;
        PairEvaluation? evaluation = null;
        if (divergence is null)
        {
            PredictionRecorder? testPredictions = null;
            if (data.FinalTest is { } test)
            {
                testPredictions = new PredictionRecorder(SplitEvaluation.Test, test);
                finalTest = Evaluator.Evaluate(model, test, settings.EvalBatchSize, testPredictions);
            }
            evaluation = Evaluate(model, activationName, seed, finalValidation, testPredictions);
            // Before the weights: saved weights mean a finished pair, and a finished pair's evaluation is on disk.
            files.Evaluation?.Write(evaluation);
        }
        if (files.WeightsPath is { } weights && divergence is null) ModelWeights.Save(model, weights);
        FinalizedNativeMemory.ReturnToSystem();
        return new RunOutcome(activationName, seed, history, model.ParameterCount(), divergence, finalTest, evaluation);
    }

    // ML.NET's view of the final model. A training resumed from a checkpoint that already ends the last epoch ran no
    // validation pass here, so only then is the validation set scored once more.
    private PairEvaluation Evaluate(TutorialCnn model, string activationName, long seed, PredictionRecorder? validation, PredictionRecorder? test)
    {
        if (validation is null)
        {
            validation = new PredictionRecorder(SplitEvaluation.Validation, data.Validation);
            Evaluator.Evaluate(model, data.Validation, settings.EvalBatchSize, validation);
        }
        return PairEvaluation.From(activationName, seed, validation.Result(), data.Validation, test?.Result());
    }

    private (double Loss, double Accuracy, Divergence? Diverged) TrainEpoch(TutorialCnn model, optim.Optimizer optimizer, Generator shuffling,
        string activationName, long seed, int epoch, GradientNorms? gradientNorms, CancellationToken cancellation)
    {
        model.train();
        var train = data.Train;
        var count = train.Count;
        var batches = (int)((count + settings.BatchSize - 1) / settings.BatchSize);
        using var order = randperm(count, generator: shuffling).to(data.Device, disposeAfter: true);
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        var clock = Stopwatch.StartNew();
        for (var batch = 0; batch < batches; batch++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var start = batch * settings.BatchSize;
            var length = Math.Min(settings.BatchSize, count - start);
            var indices = order.narrow(0, start, length);
            var images = train.Images(indices);
            var labels = train.Labels.index_select(0, indices);

            optimizer.zero_grad();
            var output = model.call(images);
            var loss = nn.functional.nll_loss(output, labels);
            var lossValue = loss.ToDouble();
            if (!double.IsFinite(lossValue)) return (double.NaN, double.NaN, new Divergence(epoch, batch + 1, lossValue));
            loss.backward();
            gradientNorms?.Add(model);
            nn.utils.clip_grad_value_(model.parameters(), settings.ClipValue);
            optimizer.step();

            lossSum += lossValue * length;
            using (no_grad()) correct += output.argmax(1).eq(labels).sum().ToInt64();
            seen += length;
            if ((batch + 1) % FinalizedNativeMemory.BatchesBetweenCollections == 0) FinalizedNativeMemory.Release();
            observer.BatchCompleted(new BatchProgress(activationName, seed, epoch, batch + 1, batches, lossSum / seen,
                seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
        }
        return (lossSum / seen, (double)correct / seen, null);
    }

    // Not timed with the epoch: the diagnostics are a look at the model, not part of training it.
    private static IReadOnlyList<LayerDiagnostics> Diagnose(TutorialCnn model, ActivationChoice activation, ActivationProbe probe,
        GradientNorms gradientNorms, string activationName, long seed, int epoch)
    {
        var norms = gradientNorms.Averages();
        return probe.Measure(model, activation)
            .Select((layer, i) => new LayerDiagnostics(activationName, seed, epoch, layer.Layer, layer.Statistics.Mean,
                layer.Statistics.StandardDeviation, layer.Statistics.DeadFraction, layer.Statistics.SaturatedFraction, norms[i]))
            .ToList();
    }
}
