using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace TorchBinding.Tests;

// Custom autograd functions (managed forward and backward inside libtorch's graph) and torch.autograd.grad.
public class AutogradFunctionTests
{
    // y = scale · x^k, with k and scale passed as doubles; x is saved for backward, k and scale as data.
    private sealed class ScaledPower : SingleTensorFunction<ScaledPower>
    {
        [ThreadStatic] public static bool GradModeInForward;

        public override string Name => nameof(ScaledPower);

        public override Tensor forward(AutogradContext ctx, params object[] vars)
        {
            GradModeInForward = is_grad_enabled();
            var x = (Tensor)vars[0];
            var k = (double)vars[1];
            var scale = (double)vars[2];
            ctx.save_for_backward(new List<Tensor> { x });
            ctx.save_data("k", k);
            ctx.save_data("scale", scale);
            return x.pow(k) * scale;
        }

        public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
        {
            var saved = ctx.get_saved_variables();
            Assert.Single(saved);
            var x = saved[0];
            var k = (double)ctx.get_data("k");
            var scale = (double)ctx.get_data("scale");
            return new List<Tensor> { grad_output * x.pow(k - 1) * (k * scale), null!, null! };
        }
    }

    // (a, weight: double, b) → [a·b·weight, a + b]; the gradient goes to a and b only.
    private sealed class WeightedProductAndSum : MultiTensorFunction<WeightedProductAndSum>
    {
        [ThreadStatic] public static int BackwardCalls;
        [ThreadStatic] public static List<double[]>? SeenGrads;

        public override string Name => nameof(WeightedProductAndSum);

        public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
        {
            var a = (Tensor)vars[0];
            var weight = (double)vars[1];
            var b = (Tensor)vars[2];
            ctx.save_for_backward(new List<Tensor> { a, b });
            ctx.save_data("weight", weight);
            return new List<Tensor> { a * b * weight, a + b };
        }

        public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
        {
            BackwardCalls++;
            SeenGrads = grad_outputs.Select(Values.Of).ToList();
            var saved = ctx.get_saved_variables();
            var (a, b) = (saved[0], saved[1]);
            var weight = (double)ctx.get_data("weight");
            var gProduct = grad_outputs[0];
            var gSum = grad_outputs[1];
            return new List<Tensor> { gProduct * b * weight + gSum, null!, gProduct * a * weight + gSum };
        }
    }

    private sealed class ThrowingBackward : SingleTensorFunction<ThrowingBackward>
    {
        public override string Name => nameof(ThrowingBackward);

        public override Tensor forward(AutogradContext ctx, params object[] vars) => ((Tensor)vars[0]).mul(2);

        public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output) =>
            throw new InvalidOperationException("backward refused on purpose");
    }

    private sealed class ThrowingForward : SingleTensorFunction<ThrowingForward>
    {
        public override string Name => nameof(ThrowingForward);

        public override Tensor forward(AutogradContext ctx, params object[] vars) => throw new ArgumentException("forward refused on purpose");

        public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output) => new() { grad_output };
    }

    private sealed class WrongGradientCount : SingleTensorFunction<WrongGradientCount>
    {
        public override string Name => nameof(WrongGradientCount);

        public override Tensor forward(AutogradContext ctx, params object[] vars) => ((Tensor)vars[0]).exp();

        public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output) => new() { grad_output };
    }

    // Square with a differentiable backward, so that its gradient can be differentiated again.
    private sealed class Cube : SingleTensorFunction<Cube>
    {
        public override string Name => nameof(Cube);

        public override Tensor forward(AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            ctx.save_for_backward(new List<Tensor> { x });
            return x * x * x;
        }

        public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
        {
            var x = ctx.get_saved_variables()[0];
            return new List<Tensor> { grad_output * 3 * x * x };
        }
    }

    private sealed class ArgMaxAndMax : MultiTensorFunction<ArgMaxAndMax>
    {
        public override string Name => nameof(ArgMaxAndMax);

        public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var index = x.argmax();
            ctx.save_for_backward(new List<Tensor> { index });
            ctx.save_data("n", x.numel());
            var value = x.max();
            ctx.mark_non_differentiable(new List<Tensor> { index });
            return new List<Tensor> { value, index };
        }

        public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
        {
            var index = ctx.get_saved_variables()[0].item<long>();
            var grad = zeros((long)ctx.get_data("n"), dtype: grad_outputs[0].dtype);
            grad[index] = grad_outputs[0];
            return new List<Tensor> { grad };
        }
    }

    [Fact]
    public void SingleTensorFunctionWithDoubleArguments()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.5, 1, 2 }, requires_grad: true);
        var y = ScaledPower.apply(x, 3.0, 2.0);
        Assert.False(ScaledPower.GradModeInForward); // forward runs with grad disabled
        Assert.True(is_grad_enabled());
        Assert.True(y.requires_grad);
        Assert.False(y.is_leaf);
        Values.Close(new[] { 0.25, 2, 16 }, y, 1e-12);
        y.sum().backward();
        Values.Close(new[] { 6 * 0.25, 6, 24 }, x.grad!, 1e-12);
        GradCheck.Check(t => ScaledPower.apply(t, 2.5, -1.5), Values.Random(1, new long[] { 2, 3 }, 0.5, 2));
    }

    [Fact]
    public void MultiTensorFunctionGradientsFlowOnlyToTensorInputs()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 1, 2 }, requires_grad: true);
        var b = tensor(new double[] { 3, -1 }, requires_grad: true);
        WeightedProductAndSum.BackwardCalls = 0;
        var outputs = WeightedProductAndSum.apply(a, 0.5, b);
        Assert.Equal(2, outputs.Count);
        Values.Close(new[] { 1.5, -1 }, outputs[0], 1e-12);
        Values.Close(new[] { 4.0, 1 }, outputs[1], 1e-12);
        (outputs[0] * tensor(new double[] { 1, 10 }) + outputs[1] * 100).sum().backward();
        Assert.Equal(1, WeightedProductAndSum.BackwardCalls);
        // backward saw the upstream gradients of both outputs
        Assert.Equal(new double[] { 1, 10 }, WeightedProductAndSum.SeenGrads![0]);
        Assert.Equal(new double[] { 100, 100 }, WeightedProductAndSum.SeenGrads[1]);
        Values.Close(new[] { 1 * 3 * 0.5 + 100, 10 * -1 * 0.5 + 100 }, a.grad!, 1e-12);
        Values.Close(new[] { 1 * 1 * 0.5 + 100, 10 * 2 * 0.5 + 100 }, b.grad!, 1e-12);

        // an input that needs no grad gets none; an unused output's gradient arrives as zeros
        var c = tensor(new double[] { 2, 2 });
        var d = tensor(new double[] { 1, 1 }, requires_grad: true);
        var onlyFirst = WeightedProductAndSum.apply(c, 2.0, d)[0];
        onlyFirst.sum().backward();
        Assert.Null(c.grad);
        Values.Close(new[] { 4.0, 4 }, d.grad!, 1e-12);
        Assert.Equal(new double[] { 0, 0 }, WeightedProductAndSum.SeenGrads![1]);

        // against finite differences, with respect to each tensor input
        var p = Values.Random(2, new long[] { 3 });
        var q = Values.Random(3, new long[] { 3 });
        GradCheck.Check(t => stack(WeightedProductAndSum.apply(t, 1.7, q)), p);
        GradCheck.Check(t => stack(WeightedProductAndSum.apply(p, 1.7, t)), q);
    }

    [Fact]
    public void CustomFunctionsComposeWithBuiltInOps()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.3, -0.7 }, requires_grad: true);
        // the function used twice in one graph keeps a context per call
        var y = ScaledPower.apply(x.sin(), 2.0, 1.0) + ScaledPower.apply(x, 3.0, 0.5);
        y.sum().backward();
        var v = Values.Of(x);
        Values.Close(v.Select(t => 2 * Math.Sin(t) * Math.Cos(t) + 1.5 * t * t).ToArray(), x.grad!, 1e-12);
    }

    [Fact]
    public void NonDifferentiableOutputs()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 5, 2 }, requires_grad: true);
        var outputs = ArgMaxAndMax.apply(x);
        Assert.True(outputs[0].requires_grad);
        Assert.False(outputs[1].requires_grad);
        Assert.Equal(1L, outputs[1].item<long>());
        (outputs[0] * 3).backward();
        Assert.Equal(new double[] { 0, 3, 0 }, Values.Of(x.grad!));
    }

    [Fact]
    public void ExceptionsInForwardOrBackwardSurfaceAsExceptions()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2 }, requires_grad: true);
        var y = ThrowingBackward.apply(x);
        Values.Close(new[] { 2.0, 4 }, y, 0);
        var e = Assert.Throws<ExternalException>(() => y.sum().backward());
        Assert.Contains("backward refused on purpose", e.Message);
        Assert.Contains("InvalidOperationException", e.Message);

        var f = Assert.Throws<ExternalException>(() => ThrowingForward.apply(x));
        Assert.Contains("forward refused on purpose", f.Message);

        var z = WrongGradientCount.apply(x, 1.0);
        var g = Assert.Throws<ExternalException>(() => z.sum().backward());
        Assert.Contains("backward returned 1 gradients but forward took 2 arguments", g.Message);

        // the binding and the functions keep working afterwards
        var w = ScaledPower.apply(x, 2.0, 1.0);
        w.sum().backward();
        Values.Close(new[] { 2.0, 4 }, x.grad!, 1e-12);
    }

    [Fact]
    public void AutogradGradComputesFirstAndSecondDerivatives()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { -1, 0.5, 2 }, requires_grad: true);
        var y = (x * x * x).sum();
        var first = autograd.grad(new List<Tensor> { y }, new List<Tensor> { x }, create_graph: true)[0];
        Values.Close(new[] { 3.0, 0.75, 12 }, first, 1e-12);
        Assert.True(first.requires_grad);
        var second = autograd.grad(new List<Tensor> { first.sum() }, new List<Tensor> { x })[0];
        Values.Close(new[] { -6.0, 3, 12 }, second, 1e-12);
        Assert.Null(x.grad); // autograd.grad does not accumulate into .grad

        // through a custom function whose backward is differentiable
        var c = Cube.apply(x).sum();
        var dc = autograd.grad(new List<Tensor> { c }, new List<Tensor> { x }, create_graph: true)[0];
        Values.Close(new[] { 3.0, 0.75, 12 }, dc, 1e-12);
        var ddc = autograd.grad(new List<Tensor> { dc.sum() }, new List<Tensor> { x })[0];
        Values.Close(new[] { -6.0, 3, 12 }, ddc, 1e-12);

        // several inputs, explicit grad_outputs, retain_graph and allow_unused
        var a = tensor(new double[] { 1, 2 }, requires_grad: true);
        var b = tensor(new double[] { 3, 4 }, requires_grad: true);
        var unused = tensor(new double[] { 0 }, requires_grad: true);
        var out1 = a * b;
        var grads = autograd.grad(new List<Tensor> { out1 }, new List<Tensor> { a, b, unused }, new List<Tensor> { tensor(new double[] { 1, 10 }) },
            retain_graph: true, allow_unused: true);
        Values.Close(new[] { 3.0, 40 }, grads[0], 1e-12);
        Values.Close(new[] { 1.0, 20 }, grads[1], 1e-12);
        Assert.Null(grads[2]);
        // the retained graph can be used again
        var again = autograd.grad(new List<Tensor> { out1.sum() }, new List<Tensor> { a })[0];
        Values.Close(new[] { 3.0, 4 }, again, 1e-12);
    }

    [Fact]
    public void BackwardOptions()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2 }, requires_grad: true);
        var y = x * x;
        y.backward(new List<Tensor> { tensor(new double[] { 1, 0.5 }) }, retain_graph: true);
        Values.Close(new[] { 2.0, 2 }, x.grad!, 1e-12);
        // gradients accumulate until cleared
        y.sum().backward();
        Values.Close(new[] { 4.0, 6 }, x.grad!, 1e-12);
        x.grad = null;
        Assert.Null(x.grad);
        // only the listed inputs receive gradients
        var w = tensor(new double[] { 3 }, requires_grad: true);
        (x * w).sum().backward(inputs: new List<Tensor> { w });
        Assert.Null(x.grad);
        Values.Close(new[] { 3.0 }, w.grad!, 1e-12);
        // retain_grad keeps a non-leaf's gradient
        var h = x * 2;
        h.retain_grad();
        h.sum().backward();
        Values.Close(new[] { 1.0, 1 }, h.grad!, 1e-12);
        // no_grad records nothing; detach cuts the graph
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            Assert.False((x * 2).requires_grad);
        }
        Assert.True(is_grad_enabled());
        Assert.False(x.detach().requires_grad);
        using (enable_grad(false)) Assert.False(is_grad_enabled());
        using (set_grad_enabled(false)) Assert.False(is_grad_enabled());
        using (inference_mode()) Assert.False(is_grad_enabled());
        Assert.True(is_grad_enabled());
        var leaf = ones(2);
        Assert.Same(leaf, leaf.requires_grad_());
        Assert.True(leaf.requires_grad);
        leaf.requires_grad = false;
        Assert.False(leaf.requires_grad);
        Assert.True(leaf.with_requires_grad().requires_grad);
    }
}
