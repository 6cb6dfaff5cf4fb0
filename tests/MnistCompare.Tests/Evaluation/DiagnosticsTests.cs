using MnistCompare.Tests.Cli;
using CustomActivations;
using MnistCompare.Evaluation;
using MnistCompare.Model;
using MnistCompare.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MnistCompare.Tests.Evaluation;

// The training diagnostics on the real model, the real engine and real MNIST images.
// libtorch's global generator (seeded here, drawn by dropout) is shared by the whole test process: no other test may
// run beside these.
[Collection(AppCollection.Name)]
public sealed class DiagnosticsTests : IClassFixture<DiagnosticsTests.Data>
{
    public sealed class Data : IDisposable
    {
        public RunSettings Settings { get; } = new() { Activations = ["relu"], TrainLimit = 128, Epochs = 1, Threads = 1 };

        public TrainingData Training { get; }

        public Data() => Training = TrainingData.Load(Settings);

        public void Dispose() => Training.Dispose();
    }

    private readonly Data data;

    public DiagnosticsTests(Data data) => this.data = data;

    // Every conv1 weight and bias negative: on MNIST's non-negative pixels every pre-activation of conv1 is negative.
    private static TutorialCnn WithNegativeFirstLayer(string activation)
    {
        random.manual_seed(1);
        var model = new TutorialCnn(ActivationRegistry.Parse(activation));
        using (no_grad())
        {
            foreach (var (name, parameter) in model.named_parameters())
            {
                if (name.StartsWith("conv1.", StringComparison.Ordinal)) parameter.abs_().neg_().sub_(0.01);
            }
        }
        return model;
    }

    [Fact]
    public void ALayerForcedNegativeIsAllDeadUnderReluAndNotAtAllUnderElu()
    {
        using var probe = new ActivationProbe(data.Training.Validation);
        using var relu = WithNegativeFirstLayer("relu");
        using var elu = WithNegativeFirstLayer("elu");

        var underRelu = probe.Measure(relu, ActivationRegistry.Parse("relu"));
        var underElu = probe.Measure(elu, ActivationRegistry.Parse("elu"));

        Assert.Equal(TutorialCnn.HiddenLayers, underRelu.Select(l => l.Layer));
        Assert.Equal(1.0, underRelu[0].Statistics.DeadFraction);
        Assert.Equal(0.0, underRelu[0].Statistics.Mean);
        Assert.Equal(0.0, underElu[0].Statistics.DeadFraction);
        Assert.True(underElu[0].Statistics.Mean < 0);
    }

    [Fact]
    public void SigmoidOnInputsScaledByAHundredIsNearlyAllSaturated()
    {
        random.manual_seed(3);
        using var scope = NewDisposeScope();
        var preActivation = randn(64, 32, 8, 8) * 100;
        using var sigmoid = ActivationRegistry.Parse("sigmoid").CreateModule();
        using var identity = ActivationRegistry.Parse("identity").CreateModule();

        var saturated = LayerStatistics.Measure(preActivation, sigmoid, sigmoid.call(preActivation), elementwise: true).SaturatedFraction;
        var unscaled = LayerStatistics.MeasureSaturation(preActivation / 100, sigmoid);

        // σ′(x) < 1% of σ′(0) = 0.25 needs |x| > 6.9; |100 z| > 6.9 for 94.5% of standard normal z.
        Assert.InRange(saturated, 0.93, 0.96);
        Assert.Equal(0.0, unscaled);
        Assert.Equal(0.0, LayerStatistics.MeasureSaturation(preActivation, identity));
    }

    [Fact]
    public void ReluIsSaturatedExactlyWhereItsInputIsNegative()
    {
        random.manual_seed(4);
        using var scope = NewDisposeScope();
        var preActivation = randn(16, 128);
        using var relu = ActivationRegistry.Parse("relu").CreateModule();
        var negative = preActivation.le(0).to_type(ScalarType.Float64).mean().ToDouble();
        Assert.Equal(negative, LayerStatistics.MeasureSaturation(preActivation, relu), 12);
    }

    [Fact]
    public void GradientNormsAreTheUnclippedNormsOfTheBatchsWeightGradients()
    {
        // One batch of 128 images; clipping at ±1e-6 would shrink every norm to about a thousandth, so equality with
        // the unclipped gradient shows the norms are taken before clipping.
        var settings = data.Settings with { ClipValue = 1e-6 };
        var observer = new DiagnosticsCollector();
        new Trainer(settings, data.Training, observer).Train("relu", 7, TrainingFiles.None, []);
        var recorded = observer.Rows.Select(r => r.GradientNorm).ToList();

        random.manual_seed(7);
        using var model = new TutorialCnn(ActivationRegistry.Parse("relu"));
        model.train();
        using var shuffling = new Generator(7);
        using var scope = NewDisposeScope();
        var order = randperm(data.Training.Train.Count, generator: shuffling);
        var output = model.call(data.Training.Train.Images(order));
        nn.functional.nll_loss(output, data.Training.Train.Labels.index_select(0, order)).backward();
        var direct = model.HiddenLayerWeights().Select(w => Math.Sqrt(w.Weight.grad!.data<float>().ToArray().Sum(g => (double)g * g))).ToList();

        Assert.Equal(3, recorded.Count);
        for (var i = 0; i < 3; i++) Assert.Equal(direct[i], recorded[i], direct[i] * 1e-6);
        Assert.All(direct, norm => Assert.True(norm > 1e-2));
    }

    [Fact]
    public void DiagnosticsOffRecordsNothingAndLeavesTheMetricsUnchanged()
    {
        var on = new DiagnosticsCollector();
        var off = new DiagnosticsCollector();
        var withDiagnostics = new Trainer(data.Settings, data.Training, on).Train("elu", 2, TrainingFiles.None, []);
        var without = new Trainer(data.Settings with { Diagnostics = false }, data.Training, off).Train("elu", 2, TrainingFiles.None, []);

        Assert.Equal(3, on.Rows.Count);
        Assert.Empty(off.Rows);
        Assert.Equal(withDiagnostics.Epochs.Select(m => (m.TrainLoss, m.ValLoss, m.ValAccuracy)), without.Epochs.Select(m => (m.TrainLoss, m.ValLoss, m.ValAccuracy)));
    }

    private sealed class DiagnosticsCollector : ITrainingObserver
    {
        public List<LayerDiagnostics> Rows { get; } = new();

        public void DiagnosticsMeasured(IReadOnlyList<LayerDiagnostics> rows) => Rows.AddRange(rows);
    }
}
