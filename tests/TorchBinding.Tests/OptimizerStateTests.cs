using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TorchBinding.Tests;

// save_state_dict / load_state_dict: an optimizer restored from its file continues exactly as the one that wrote
// it, which is what a checkpointed training run relies on.
public class OptimizerStateTests
{
    private static double[] Snapshot(Module model) => model.parameters().SelectMany(p => Values.Of(p)).ToArray();

    private static void Train(Module<Tensor, Tensor> model, optim.Optimizer optimizer, int steps, int seed)
    {
        var x = Values.Random(seed, new long[] { 8, 3 });
        var y = x.sum(1, keepdim: true).sin();
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            functional.mse_loss(model.call(x), y).backward();
            optimizer.step();
        }
    }

    public static TheoryData<string> Optimizers => new() { "adam", "adam-amsgrad", "sgd-momentum", "sgd-nesterov" };

    private static optim.Optimizer Create(string kind, IEnumerable<Parameter> parameters) => kind switch
    {
        "adam" => optim.Adam(parameters, 0.05, weight_decay: 0.01),
        "adam-amsgrad" => optim.Adam(parameters, 0.05, amsgrad: true),
        "sgd-momentum" => optim.SGD(parameters, 0.05, momentum: 0.9, dampening: 0.1),
        "sgd-nesterov" => optim.SGD(parameters, 0.05, momentum: 0.9, nesterov: true),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void ARestoredOptimizerContinuesExactlyAsTheOriginal(string kind)
    {
        using var dir = new TempDir();
        using var model = Linear(3, 1, dtype: ScalarType.Float64);
        using var optimizer = Create(kind, model.parameters());
        Train(model, optimizer, 5, seed: 1);
        var weights = Path.Combine(dir.Path, "model.weights");
        var state = Path.Combine(dir.Path, "optimizer.state");
        model.save(weights);
        ((OptimizerHelper)optimizer).save_state_dict(state);
        Train(model, optimizer, 5, seed: 2);
        var uninterrupted = Snapshot(model);

        using var restoredModel = Linear(3, 1, dtype: ScalarType.Float64);
        restoredModel.load(weights);
        using var restored = Create(kind, restoredModel.parameters());
        ((OptimizerHelper)restored).load_state_dict(state);
        Train(restoredModel, restored, 5, seed: 2);

        Assert.Equal(uninterrupted, Snapshot(restoredModel));
    }

    [Fact]
    public void WithoutTheStateTheContinuationDiffers()
    {
        using var model = Linear(3, 1, dtype: ScalarType.Float64);
        using var optimizer = optim.Adam(model.parameters(), 0.05);
        Train(model, optimizer, 5, seed: 1);
        using var copy = Linear(3, 1, dtype: ScalarType.Float64);
        copy.load_state_dict(model.state_dict());
        Train(model, optimizer, 5, seed: 2);
        using var fresh = optim.Adam(copy.parameters(), 0.05);
        Train(copy, fresh, 5, seed: 2);
        Assert.NotEqual(Snapshot(model), Snapshot(copy));
    }

    [Fact]
    public void TheStateCarriesTheLearningRateAndTheOptions()
    {
        using var stream = new MemoryStream();
        using var model = Linear(3, 1, dtype: ScalarType.Float64);
        using (var optimizer = optim.Adam(model.parameters(), 0.02, amsgrad: true))
        {
            optimizer.ParamGroups.Single().LearningRate = 0.005;
            Train(model, optimizer, 2, seed: 1);
            optimizer.save_state_dict(new BinaryWriter(stream));
        }
        stream.Position = 0;
        using var restored = optim.Adam(model.parameters(), 0.5);
        restored.load_state_dict(new BinaryReader(stream));
        Assert.Equal(0.005, restored.ParamGroups.Single().LearningRate);
        Assert.Equal(0.02, restored.ParamGroups.Single().InitialLearningRate);
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void AnotherOptimizersStateIsRefused()
    {
        using var stream = new MemoryStream();
        using var model = Linear(3, 1, dtype: ScalarType.Float64);
        using (var sgd = optim.SGD(model.parameters(), 0.1)) sgd.save_state_dict(new BinaryWriter(stream));
        stream.Position = 0;
        using var adam = optim.Adam(model.parameters());
        var e = Assert.Throws<InvalidDataException>(() => adam.load_state_dict(new BinaryReader(stream)));
        Assert.Contains("'SGD'", e.Message);
    }

    [Fact]
    public void AStateForOtherParametersIsRefused()
    {
        using var stream = new MemoryStream();
        using var small = Linear(3, 1, dtype: ScalarType.Float64);
        using (var adam = optim.Adam(small.parameters())) adam.save_state_dict(new BinaryWriter(stream));

        stream.Position = 0;
        using var withoutBias = Linear(3, 1, hasBias: false, dtype: ScalarType.Float64);
        using var fewer = optim.Adam(withoutBias.parameters());
        Assert.Throws<ArgumentException>(() => fewer.load_state_dict(new BinaryReader(stream)));

        stream.Position = 0;
        using var wider = Linear(4, 1, dtype: ScalarType.Float64);
        using var mismatched = optim.Adam(wider.parameters());
        var e = Assert.Throws<InvalidDataException>(() => mismatched.load_state_dict(new BinaryReader(stream)));
        Assert.Contains("shape [1, 3] in the file but [1, 4]", e.Message);
    }

    [Fact]
    public void ATruncatedStateFileIsAnEndOfStream()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "optimizer.state");
        using var model = Linear(3, 1, dtype: ScalarType.Float64);
        using (var adam = optim.Adam(model.parameters()))
        {
            Train(model, adam, 1, seed: 1);
            adam.save_state_dict(path);
        }
        var bytes = File.ReadAllBytes(path);
        using var restored = optim.Adam(model.parameters());
        foreach (var length in new[] { 0, 3, bytes.Length / 2, bytes.Length - 1 })
        {
            File.WriteAllBytes(path, bytes[..length]);
            Assert.Throws<EndOfStreamException>(() => restored.load_state_dict(path));
        }
    }
}
