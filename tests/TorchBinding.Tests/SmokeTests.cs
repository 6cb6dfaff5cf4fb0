using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TorchBinding.Tests;

public class SmokeTests
{
    [Fact]
    public void AddsAndReadsBack()
    {
        using var a = tensor(new float[] { 1, 2, 3 });
        using var b = a * 2 + 1;
        Assert.Equal(new float[] { 3, 5, 7 }, b.data<float>().ToArray());
    }

    [Fact]
    public void ShapeMismatchRaisesExternalException()
    {
        using var a = zeros(2, 3);
        using var b = zeros(4, 5);
        var e = Assert.Throws<ExternalException>(() => a.matmul(b));
        Assert.Contains("shapes cannot be multiplied", e.Message);
    }

    private sealed class Square : autograd.SingleTensorFunction<Square>
    {
        public override string Name => "Square";

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            ctx.save_for_backward(new List<Tensor> { x });
            return x * x;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var x = ctx.get_saved_variables()[0];
            return new List<Tensor> { grad_output * 2 * x };
        }
    }

    [Fact]
    public void CustomFunctionGradient()
    {
        using var x = tensor(new double[] { 1, 2, 3 }, requires_grad: true);
        using var y = Square.apply(x);
        y.sum().backward();
        Assert.Equal(new double[] { 2, 4, 6 }, x.grad!.data<double>().ToArray());
    }

    private sealed class Net : Module<Tensor, Tensor>
    {
        private readonly Conv2d conv = Conv2d(1, 4, 3);
        private readonly Linear fc = Linear(4 * 26 * 26, 10);

        public Net() : base(nameof(Net)) => RegisterComponents();

        public override Tensor forward(Tensor input) =>
            functional.log_softmax(fc.call(functional.relu(conv.call(input)).flatten(1)), 1);
    }

    [Fact]
    public void TrainingReducesLoss()
    {
        random.manual_seed(1);
        using var model = new Net();
        using var optimizer = optim.Adam(model.parameters(), 1e-2);
        using var x = randn(32, 1, 28, 28);
        using var y = randint(10, new long[] { 32 });
        double first = 0, last = 0;
        for (var i = 0; i < 20; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = functional.nll_loss(model.call(x), y);
            loss.backward();
            utils.clip_grad_value_(model.parameters(), 0.5);
            optimizer.step();
            if (i == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < first * 0.5, $"loss {first} -> {last}");
        Assert.Equal(new[] { "conv.weight", "conv.bias", "fc.weight", "fc.bias" }, model.named_parameters().Select(p => p.name));
    }
}
