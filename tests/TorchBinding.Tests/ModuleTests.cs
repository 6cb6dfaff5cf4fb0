using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TorchBinding.Tests;

// Module features: component registration and naming, traversal order, state_dict, train/eval, zero_grad, moving.
public class ModuleTests
{
    private class Base : Module<Tensor, Tensor>
    {
        protected Linear inherited = Linear(2, 2);

        protected Base(string name) : base(name)
        {
        }

        public override Tensor forward(Tensor input) => inherited.call(input);
    }

    private sealed class Net : Base
    {
        public Parameter scale = Parameter(ones(2));
        private readonly Linear fc1 = Linear(2, 3);
        private readonly Sequential body = Sequential(Linear(3, 4), ReLU(), Linear(4, 3));
        [ComponentName(Name = "head")] private readonly Linear _head = Linear(3, 1);
        private readonly Tensor running = zeros(3);
        private readonly Dropout dropout = Dropout(0.5);
        private readonly Linear? absent = null;
        private readonly List<Module> notRegistered = new() { Linear(1, 1) };
        private readonly int count = 3;

        public Net() : base(nameof(Net)) => RegisterComponents();

        public Linear Head => _head;

        public Linear Fc1 => fc1;

        public Linear? Absent => absent;

        public int Count => count + notRegistered.Count;

        public void RegisterAgain() => RegisterComponents();

        public override Tensor forward(Tensor input) =>
            _head.call(body.call(fc1.call(dropout.call(inherited.call(input) * scale)))) + running.sum();
    }

    [Fact]
    public void RegisterComponentsNamesFieldsAndHonoursComponentName()
    {
        using var net = new Net();
        Assert.Equal(new[] { "fc1", "body", "head", "dropout", "inherited" }, net.named_children().Select(c => c.name));
        Assert.Equal(new[]
        {
            "scale",
            "fc1.weight", "fc1.bias",
            "body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias",
            "head.weight", "head.bias",
            "inherited.weight", "inherited.bias",
        }, net.named_parameters().Select(p => p.name));
        Assert.Equal(new[] { "running" }, net.named_buffers().Select(b => b.name));
        Assert.Equal(new[] { "scale" }, net.named_parameters(recurse: false).Select(p => p.name));
        Assert.Equal(11, net.parameters().Count());
        Assert.Same(net.Head.weight, net.named_parameters().Single(p => p.name == "head.weight").parameter);
        Assert.Equal(new[] { "fc1", "body", "body.0", "body.1", "body.2", "head", "dropout", "inherited" },
            net.named_modules().Select(m => m.name));
        Assert.Equal(8, net.modules().Count());
        Assert.Equal(5, net.children().Count());
        // a second RegisterComponents registers nothing twice
        net.RegisterAgain();
        Assert.Equal(11, net.parameters().Count());
        Assert.Equal("Net", net.GetName());
    }

    [Fact]
    public void StateDictKeysAreDottedPathsOfParametersThenBuffers()
    {
        using var net = new Net();
        var state = net.state_dict();
        Assert.Equal(new[]
        {
            "scale", "fc1.weight", "fc1.bias", "body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias", "head.weight", "head.bias",
            "inherited.weight", "inherited.bias", "running",
        }, state.Keys);
        Assert.Same(net.Fc1.weight, state["fc1.weight"]);
        var prefixed = net.state_dict(prefix: "model");
        Assert.Contains("model.fc1.weight", prefixed.Keys);

        // load_state_dict copies values in
        using var other = new Net();
        other.load_state_dict(state);
        foreach (var (key, value) in other.state_dict()) Assert.Equal(Values.Of(state[key]), Values.Of(value));
        var (missing, unexpected) = other.load_state_dict(new Dictionary<string, Tensor> { ["scale"] = full(2, 5.0f), ["extra"] = ones(1) },
            strict: false);
        Assert.Equal(new[] { "extra" }, unexpected);
        Assert.Equal(11, missing.Count);
        Assert.Equal(new double[] { 5, 5 }, Values.Of(other.state_dict()["scale"]));
    }

    [Fact]
    public void SequentialParametersAreNamedByPosition()
    {
        using var seq = Sequential(Linear(2, 3), ReLU(), Conv2d(1, 1, 1), Linear(3, 1));
        Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias", "3.weight", "3.bias" }, seq.named_parameters().Select(p => p.name));
        Assert.Equal(new[] { "0", "1", "2", "3" }, seq.named_children().Select(c => c.name));
        using var list = ModuleList(Linear(1, 1), Linear(1, 1));
        Assert.Equal(new[] { "0.weight", "0.bias", "1.weight", "1.bias" }, list.named_parameters().Select(p => p.name));
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public void TrainAndEvalPropagateToEveryDescendant()
    {
        using var net = new Net();
        Assert.True(net.training);
        Assert.All(net.modules(), m => Assert.True(m.training));
        net.eval();
        Assert.False(net.training);
        Assert.All(net.modules(), m => Assert.False(m.training));
        // in eval mode dropout is the identity, so two calls agree
        using var x = randn(4, 2);
        using var y1 = net.call(x);
        using var y2 = net.call(x);
        Assert.Equal(Values.Of(y1), Values.Of(y2));
        net.train();
        Assert.All(net.modules(), m => Assert.True(m.training));
        net.train(false);
        Assert.All(net.modules(), m => Assert.False(m.training));
    }

    [Fact]
    public void ZeroGradNullsTheGradients()
    {
        using var net = new Net();
        using (var scope = NewDisposeScope()) net.call(randn(4, 2)).sum().backward();
        Assert.All(net.parameters(), p => Assert.NotNull(p.grad));
        net.zero_grad(set_to_none: false);
        Assert.All(net.parameters(), p => Assert.All(Values.Of(p.grad!), v => Assert.Equal(0.0, v)));
        net.zero_grad();
        Assert.All(net.parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void ToFloat64SwapsParametersIntoTheFields()
    {
        using var net = new Net();
        var oldScale = net.scale;
        var oldHead = net.Head.weight;
        var values = Values.Of(oldHead);
        var returned = net.to(ScalarType.Float64);
        Assert.Same(net, returned);
        Assert.NotSame(oldScale, net.scale);
        Assert.Equal(ScalarType.Float64, net.scale.dtype);
        Assert.True(oldScale.IsInvalid);
        Assert.NotSame(oldHead, net.Head.weight);
        Assert.Equal(ScalarType.Float64, net.Head.weight.dtype);
        Assert.Equal(values, Values.Of(net.Head.weight));
        Assert.All(net.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        Assert.All(net.parameters(), p => Assert.True(p.requires_grad && p.is_leaf));
        Assert.All(net.buffers(), b => Assert.Equal(ScalarType.Float64, b.dtype));
        // the registry and the fields agree, and the model runs in float64
        Assert.Same(net.scale, net.named_parameters().Single(p => p.name == "scale").parameter);
        Assert.Same(net.Head.weight, net.named_parameters().Single(p => p.name == "head.weight").parameter);
        using var x = randn(new long[] { 4, 2 }, ScalarType.Float64);
        using var y = net.call(x);
        Assert.Equal(ScalarType.Float64, y.dtype);
        // an optimizer built after the move trains the new parameters
        using var adam = optim.Adam(net.parameters(), 0.1);
        using (var scope = NewDisposeScope()) net.call(x).sum().backward();
        adam.step();
        Assert.NotEqual(values, Values.Of(net.Head.weight));
        // moving to the same dtype keeps the objects; integer buffers keep their dtype
        var current = net.scale;
        net.to(ScalarType.Float64);
        Assert.Same(current, net.scale);
        using var withCounts = new WithCounts().to(ScalarType.Float64);
        Assert.Equal(ScalarType.Int64, withCounts.Counts.dtype);
        Assert.All(withCounts.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        net.to(CPU);
        Assert.Same(current, net.scale);
    }

    private sealed class WithCounts : Module<Tensor, Tensor>
    {
        private readonly Tensor counts = tensor(new long[] { 1, 2 });
        private readonly Linear fc = Linear(1, 1);

        public WithCounts() : base(nameof(WithCounts)) => RegisterComponents();

        public Tensor Counts => counts;

        public override Tensor forward(Tensor input) => fc.call(input);
    }

    private sealed class WithAutoProperty : Module<Tensor, Tensor>
    {
        public WithAutoProperty() : base(nameof(WithAutoProperty))
        {
            Layer = Linear(1, 1);
            RegisterComponents();
        }

        public Linear Layer { get; }

        public override Tensor forward(Tensor input) => Layer.call(input);
    }

    [Fact]
    public void AnAutoPropertyRegistersUnderItsBackingFieldName()
    {
        using var module = new WithAutoProperty();
        Assert.Equal(new[] { "<Layer>k__BackingField" }, module.named_children().Select(c => c.name));
    }

    [Fact]
    public void RegisteringByHandAndApply()
    {
        using var module = Sequential();
        module.register_module("first", Linear(2, 2));
        module.add_module("second", Linear(2, 1));
        module.register_parameter("gain", Parameter(ones(1)));
        module.register_buffer("mean", zeros(2));
        module.register_buffer("scratch", zeros(2), persistent: false);
        Assert.Equal(new[] { "gain", "first.weight", "first.bias", "second.weight", "second.bias" }, module.named_parameters().Select(p => p.name));
        Assert.Equal(new[] { "mean", "scratch" }, module.named_buffers().Select(b => b.name));
        Assert.Equal(new[] { "mean" }, module.named_buffers(include_nonpersistent: false).Select(b => b.name));
        Assert.DoesNotContain("scratch", module.state_dict().Keys);
        var visited = new List<string>();
        module.apply(m => visited.Add(m.GetName()));
        Assert.Equal(new[] { "Linear", "Linear", "Sequential" }, visited);
    }

    [Fact]
    public void LinearWeightSetterReplacesTheRegisteredParameter()
    {
        using var linear = Linear(2, 2, dtype: ScalarType.Float64);
        var replacement = Parameter(tensor(new double[] { 1, 0, 0, 1 }, new long[] { 2, 2 }));
        linear.weight = replacement;
        Assert.Same(replacement, linear.weight);
        Assert.Same(replacement, linear.named_parameters().First().parameter);
        linear.bias = null;
        Assert.Single(linear.parameters());
        using var x = tensor(new double[] { 3, 4 }, new long[] { 1, 2 });
        Assert.Equal(new double[] { 3, 4 }, Values.Of(linear.call(x)));
    }

    [Fact]
    public void LossModulesExposeTheirSettings()
    {
        using var weight = ones(3);
        using var nll = NLLLoss(weight, Reduction.Sum);
        Assert.Equal(Reduction.Sum, nll.reduction);
        Assert.Same(weight, nll.weight);
        using var ce = CrossEntropyLoss(ignore_index: 1);
        Assert.Equal(1L, ce.ignore_index);
        Assert.Equal(Reduction.Mean, ce.reduction);
        Loss<Tensor, Tensor, Tensor> loss = ce;
        using var value = loss.call(zeros(2, 3), tensor(new long[] { 0, 2 }));
        Assert.Equal(Math.Log(3), value.item<float>(), 5);
    }
}
