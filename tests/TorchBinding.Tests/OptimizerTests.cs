using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TorchBinding.Tests;

// Adam and SGD steps against their formulas computed in C# doubles; gradient clipping against its formulas.
public class OptimizerTests
{
    private static readonly double[] P0 = { 0.5, -1.2, 2.0, 0.03 };
    private static readonly double[] G1 = { 0.3, -2.0, 0.01, 1.5 };
    private static readonly double[] G2 = { -0.1, 0.05, 0.4, 1.4 };

    private static Parameter Param(double[] values) => new(tensor(values));

    private static void SetGrad(Parameter p, double[] g)
    {
        using var grad = tensor(g);
        p.grad = grad;
    }

    // Adam (Kingma & Ba) with PyTorch's placement of eps, L2 weight decay added to the gradient, AMSGrad keeping the
    // running maximum of the second moment, and maximize ascending.
    private static double[] ReferenceAdam(double[] p0, double[][] grads, double lr, double beta1, double beta2, double eps,
        double weightDecay, bool amsgrad, bool maximize)
    {
        var p = (double[])p0.Clone();
        var m = new double[p.Length];
        var v = new double[p.Length];
        var vMax = new double[p.Length];
        for (var t = 1; t <= grads.Length; t++)
        {
            for (var i = 0; i < p.Length; i++)
            {
                var g = maximize ? -grads[t - 1][i] : grads[t - 1][i];
                g += weightDecay * p[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                vMax[i] = Math.Max(vMax[i], v[i]);
                var mHat = m[i] / (1 - Math.Pow(beta1, t));
                var vHat = (amsgrad ? vMax[i] : v[i]) / (1 - Math.Pow(beta2, t));
                p[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
        }
        return p;
    }

    public static TheoryData<double, double, double, double, double, bool, bool> AdamCases => new()
    {
        // lr, beta1, beta2, eps, weight_decay, amsgrad, maximize
        { 0.001, 0.9, 0.999, 1e-8, 0, false, false },
        { 0.1, 0.8, 0.9, 1e-3, 0, false, false },
        { 0.05, 0.9, 0.999, 1e-8, 0.1, false, false },
        { 0.1, 0.5, 0.9, 1e-8, 0, true, false },
        { 0.1, 0.5, 0.9, 1e-8, 0.2, true, false },
        { 0.01, 0.9, 0.99, 1e-8, 0, false, true },
    };

    [Theory]
    [MemberData(nameof(AdamCases))]
    public void AdamStepsFollowTheFormula(double lr, double beta1, double beta2, double eps, double weightDecay, bool amsgrad, bool maximize)
    {
        using var p = Param(P0);
        using var adam = optim.Adam(new[] { p }, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        SetGrad(p, G1);
        adam.step();
        Values.Close(ReferenceAdam(P0, new[] { G1 }, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize), p, 1e-12);
        // the second step checks the bias corrections (and AMSGrad's maximum) against step 2
        adam.zero_grad();
        SetGrad(p, G2);
        adam.step();
        Values.Close(ReferenceAdam(P0, new[] { G1, G2 }, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize), p, 1e-12);
    }

    [Fact]
    public void AmsgradAndBiasCorrectionMakeADifferenceInTheseCases()
    {
        // so that the theory above cannot pass with either feature missing
        var plain = ReferenceAdam(P0, new[] { G1, G2 }, 0.1, 0.5, 0.9, 1e-8, 0, false, false);
        var ams = ReferenceAdam(P0, new[] { G1, G2 }, 0.1, 0.5, 0.9, 1e-8, 0, true, false);
        Assert.True(plain.Zip(ams, (a, b) => Math.Abs(a - b)).Max() > 1e-3);
        var firstStep = ReferenceAdam(P0, new[] { G1 }, 0.1, 0.8, 0.9, 1e-3, 0, false, false);
        // without bias correction step one would move each weight by lr·(1-β1)·g/((1-β2)^½·|g| + eps)
        var uncorrected = P0.Select((p, i) => p - 0.1 * 0.2 * G1[i] / (Math.Sqrt(0.1 * G1[i] * G1[i]) + 1e-3)).ToArray();
        Assert.True(firstStep.Zip(uncorrected, (a, b) => Math.Abs(a - b)).Max() > 1e-3);
    }

    [Fact]
    public void AdamSkipsParametersWithoutGradientsAndUsesTheCurrentLearningRate()
    {
        using var a = Param(P0);
        using var b = Param(P0);
        using var adam = optim.Adam(new[] { a, b }, 0.1);
        SetGrad(a, G1);
        adam.step();
        Assert.Equal(P0, Values.Of(b));
        Values.Close(ReferenceAdam(P0, new[] { G1 }, 0.1, 0.9, 0.999, 1e-8, 0, false, false), a, 1e-12);
        Assert.Equal(new[] { a, b }, adam.parameters());

        // changing the group's learning rate takes effect on the next step
        var group = Assert.Single(adam.ParamGroups);
        Assert.Equal(0.1, group.LearningRate);
        group.LearningRate = 0;
        var before = Values.Of(a);
        adam.step();
        Assert.Equal(before, Values.Of(a));
    }

    [Fact]
    public void AdamTrainsAModel()
    {
        using var scope = NewDisposeScope();
        using var model = Linear(3, 1, dtype: ScalarType.Float64);
        using var adam = optim.Adam(model.parameters(), 0.05);
        var x = Values.Random(20, new long[] { 16, 3 });
        var y = x.matmul(tensor(new double[] { 1, -2, 0.5 })).unsqueeze(1) + 0.3;
        double first = 0, last = 0;
        for (var i = 0; i < 300; i++)
        {
            using var step = NewDisposeScope();
            adam.zero_grad();
            var loss = functional.mse_loss(model.call(x), y);
            loss.backward();
            adam.step();
            if (i == 0) first = loss.item<double>();
            last = loss.item<double>();
        }
        Assert.True(last < first * 1e-3, $"loss {first} -> {last}");
        Values.Close(new[] { 1, -2, 0.5 }, model.weight, 0.05);
    }

    [Fact]
    public void StepRunsTheClosureAndReturnsItsLoss()
    {
        using var p = Param(P0);
        using var adam = optim.Adam(new[] { p }, 0.1);
        var calls = 0;
        using var loss = adam.step(() =>
        {
            calls++;
            adam.zero_grad();
            var l = (p * p).sum();
            l.backward();
            return l;
        });
        Assert.Equal(1, calls);
        Values.Close(P0.Sum(v => v * v), loss.item<double>(), 1e-12);
        Values.Close(ReferenceAdam(P0, new[] { P0.Select(v => 2 * v).ToArray() }, 0.1, 0.9, 0.999, 1e-8, 0, false, false), p, 1e-12);
    }

    [Fact]
    public void OptimizerZeroGradZeroesInPlace()
    {
        using var p = Param(P0);
        using var adam = optim.Adam(new[] { p });
        SetGrad(p, G1);
        using var before = p.grad!;
        adam.zero_grad();
        using var after = p.grad!;
        Assert.NotNull(after);
        Assert.All(Values.Of(after), v => Assert.Equal(0.0, v));
        Assert.All(Values.Of(before), v => Assert.Equal(0.0, v)); // same storage
    }

    public static TheoryData<double, double, double, double, bool> SgdCases => new()
    {
        // lr, momentum, dampening, weight_decay, nesterov
        { 0.1, 0, 0, 0, false },
        { 0.1, 0.9, 0, 0, false },
        { 0.05, 0.8, 0.3, 0, false },
        { 0.1, 0.9, 0, 0.01, false },
        { 0.1, 0.9, 0, 0, true },
    };

    [Theory]
    [MemberData(nameof(SgdCases))]
    public void SgdStepsFollowTheFormula(double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        var expected = (double[])P0.Clone();
        var buffer = new double[P0.Length];
        using var p = Param(P0);
        using var sgd = optim.SGD(new[] { p }, lr, momentum, dampening, weightDecay, nesterov);
        var grads = new[] { G1, G2 };
        for (var t = 0; t < grads.Length; t++)
        {
            for (var i = 0; i < P0.Length; i++)
            {
                var g = grads[t][i] + weightDecay * expected[i];
                if (momentum != 0)
                {
                    // the buffer starts as the first gradient itself (no dampening on step one)
                    buffer[i] = t == 0 ? g : momentum * buffer[i] + (1 - dampening) * g;
                    g = nesterov ? g + momentum * buffer[i] : buffer[i];
                }
                expected[i] -= lr * g;
            }
            sgd.zero_grad();
            SetGrad(p, grads[t]);
            sgd.step();
            Values.Close(expected, p, 1e-12);
        }
    }

    [Fact]
    public void ClipGradValueClampsEveryGradient()
    {
        using var a = Param(P0);
        using var b = Param(new double[] { 1, 2 });
        using var c = Param(new double[] { 3 }); // no grad: skipped
        SetGrad(a, G1);
        SetGrad(b, new[] { -0.9, 0.2 });
        utils.clip_grad_value_(new[] { a, b, c }, 0.5);
        Values.Close(G1.Select(g => Math.Clamp(g, -0.5, 0.5)).ToArray(), a.grad!, 0);
        Values.Close(new[] { -0.5, 0.2 }, b.grad!, 0);
        Assert.Null(c.grad);
        Assert.Equal(P0, Values.Of(a)); // the parameters themselves are untouched
    }

    [Theory]
    [InlineData(2.0, 1.0)]
    [InlineData(2.0, 100.0)]
    [InlineData(1.0, 0.5)]
    [InlineData(double.PositiveInfinity, 0.5)]
    public void ClipGradNormScalesAllGradientsTogether(double normType, double maxNorm)
    {
        using var a = Param(P0);
        using var b = Param(new double[] { 1, 2 });
        var gb = new[] { -0.9, 0.2 };
        SetGrad(a, G1);
        SetGrad(b, gb);
        var all = G1.Concat(gb).ToArray();
        var total = double.IsPositiveInfinity(normType)
            ? all.Max(Math.Abs)
            : Math.Pow(all.Sum(g => Math.Pow(Math.Abs(g), normType)), 1 / normType);
        var returned = utils.clip_grad_norm_(new[] { a, b }, maxNorm, normType);
        Values.Close(total, returned, 1e-12);
        var scale = Math.Min(1.0, maxNorm / (total + 1e-6));
        Values.Close(G1.Select(g => g * scale).ToArray(), a.grad!, 1e-12);
        Values.Close(gb.Select(g => g * scale).ToArray(), b.grad!, 1e-12);
        if (maxNorm < total)
        {
            // after clipping, the joint norm is max_norm (up to the 1e-6 guard)
            var clipped = Values.Of(a.grad!).Concat(Values.Of(b.grad!)).ToArray();
            var norm = double.IsPositiveInfinity(normType)
                ? clipped.Max(Math.Abs)
                : Math.Pow(clipped.Sum(g => Math.Pow(Math.Abs(g), normType)), 1 / normType);
            Values.Close(maxNorm, norm, 1e-5);
        }
    }

    [Fact]
    public void ClipGradNormOfAModelsParameters()
    {
        using var scope = NewDisposeScope();
        using var model = Linear(4, 2, dtype: ScalarType.Float64);
        var x = Values.Random(30, new long[] { 8, 4 }, -5, 5);
        model.call(x).square().sum().backward();
        var grads = model.parameters().SelectMany(p => Values.Of(p.grad!)).ToArray();
        var total = Math.Sqrt(grads.Sum(g => g * g));
        Assert.True(total > 1);
        Values.Close(total, utils.clip_grad_norm_(model.parameters(), 1.0), 1e-12);
        var after = model.parameters().SelectMany(p => Values.Of(p.grad!)).ToArray();
        Values.Close(1.0, Math.Sqrt(after.Sum(g => g * g)), 1e-5);
    }
    [Fact]
    public void NamedParametersOverloadAndParameterGroups()
    {
        using var scope = NewDisposeScope();
        using var model = Linear(2, 1, dtype: ScalarType.Float64);
        using var adam = optim.Adam(model.named_parameters(), 0.1);
        Assert.Equal(model.parameters(), adam.parameters());
        using var extra = Param(P0);
        adam.add_param_group(new ParamGroup(new[] { extra }, 0.5));
        Assert.Equal(2, adam.ParamGroups.Count());
        Assert.Equal(new[] { 0.1, 0.5 }, adam.ParamGroups.Select(g => g.LearningRate));
        Assert.Equal(0.5, adam.ParamGroups.Last().InitialLearningRate);
        SetGrad(extra, G1);
        adam.step();
        // the extra group steps with its own learning rate
        Values.Close(ReferenceAdam(P0, new[] { G1 }, 0.5, 0.9, 0.999, 1e-8, 0, false, false), extra, 1e-12);
        Assert.Contains(extra, adam.parameters());
    }
}
