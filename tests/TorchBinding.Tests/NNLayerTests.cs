using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace TorchBinding.Tests;

// conv2d, linear and max_pool2d against naive loops in C# doubles; the layer modules, activations, dropout and
// losses against the functional forms and hand-computed values.
public class NNLayerTests
{
    // ---- naive references, NCHW, float64 ----

    internal static double[] NaiveConv2d(double[] x, long[] xs, double[] w, long[] ws, double[]? b, long[] stride, long[] padding,
        long[] dilation, long groups, out long[] shape)
    {
        long n = xs[0], c = xs[1], h = xs[2], wd = xs[3];
        long o = ws[0], cg = ws[1], kh = ws[2], kw = ws[3];
        var oh = (h + 2 * padding[0] - dilation[0] * (kh - 1) - 1) / stride[0] + 1;
        var ow = (wd + 2 * padding[1] - dilation[1] * (kw - 1) - 1) / stride[1] + 1;
        Assert.Equal(c, cg * groups);
        var og = o / groups;
        var y = new double[n * o * oh * ow];
        for (long ni = 0; ni < n; ni++)
        for (long oi = 0; oi < o; oi++)
        for (long yi = 0; yi < oh; yi++)
        for (long xi = 0; xi < ow; xi++)
        {
            var sum = b?[oi] ?? 0.0;
            var g = oi / og;
            for (long ci = 0; ci < cg; ci++)
            for (long ki = 0; ki < kh; ki++)
            for (long kj = 0; kj < kw; kj++)
            {
                var row = yi * stride[0] - padding[0] + ki * dilation[0];
                var col = xi * stride[1] - padding[1] + kj * dilation[1];
                if (row < 0 || row >= h || col < 0 || col >= wd) continue;
                var channel = g * cg + ci;
                sum += x[((ni * c + channel) * h + row) * wd + col] * w[((oi * cg + ci) * kh + ki) * kw + kj];
            }
            y[((ni * o + oi) * oh + yi) * ow + xi] = sum;
        }
        shape = new[] { n, o, oh, ow };
        return y;
    }

    internal static double[] NaiveMaxPool2d(double[] x, long[] xs, long[] kernel, long[] stride, long[] padding, long[] dilation,
        out long[] shape)
    {
        long n = xs[0], c = xs[1], h = xs[2], w = xs[3];
        var oh = (h + 2 * padding[0] - dilation[0] * (kernel[0] - 1) - 1) / stride[0] + 1;
        var ow = (w + 2 * padding[1] - dilation[1] * (kernel[1] - 1) - 1) / stride[1] + 1;
        var y = new double[n * c * oh * ow];
        for (long ni = 0; ni < n; ni++)
        for (long ci = 0; ci < c; ci++)
        for (long yi = 0; yi < oh; yi++)
        for (long xi = 0; xi < ow; xi++)
        {
            var best = double.NegativeInfinity;
            for (long ki = 0; ki < kernel[0]; ki++)
            for (long kj = 0; kj < kernel[1]; kj++)
            {
                var row = yi * stride[0] - padding[0] + ki * dilation[0];
                var col = xi * stride[1] - padding[1] + kj * dilation[1];
                if (row < 0 || row >= h || col < 0 || col >= w) continue;
                best = Math.Max(best, x[((ni * c + ci) * h + row) * w + col]);
            }
            y[((ni * c + ci) * oh + yi) * ow + xi] = best;
        }
        shape = new[] { n, c, oh, ow };
        return y;
    }

    internal static double[] NaiveLinear(double[] x, long batch, long inFeatures, double[] w, long outFeatures, double[]? b)
    {
        var y = new double[batch * outFeatures];
        for (long i = 0; i < batch; i++)
        for (long j = 0; j < outFeatures; j++)
        {
            var sum = b?[j] ?? 0.0;
            for (long k = 0; k < inFeatures; k++) sum += x[i * inFeatures + k] * w[j * inFeatures + k];
            y[i * outFeatures + j] = sum;
        }
        return y;
    }

    // (input shape, out channels, kernel, stride, padding, dilation, groups, bias)
    public static TheoryData<long[], long, long[], long[], long[], long[], long, bool> ConvCases => new()
    {
        { new long[] { 1, 1, 5, 5 }, 1, new long[] { 3, 3 }, new long[] { 1, 1 }, new long[] { 0, 0 }, new long[] { 1, 1 }, 1, true },
        { new long[] { 2, 3, 6, 7 }, 4, new long[] { 3, 2 }, new long[] { 1, 1 }, new long[] { 0, 0 }, new long[] { 1, 1 }, 1, true },
        { new long[] { 2, 2, 7, 6 }, 3, new long[] { 3, 3 }, new long[] { 2, 1 }, new long[] { 1, 2 }, new long[] { 1, 1 }, 1, false },
        { new long[] { 1, 2, 9, 9 }, 2, new long[] { 3, 3 }, new long[] { 2, 2 }, new long[] { 2, 2 }, new long[] { 2, 3 }, 1, true },
        { new long[] { 2, 4, 5, 5 }, 6, new long[] { 2, 2 }, new long[] { 1, 2 }, new long[] { 1, 0 }, new long[] { 2, 1 }, 2, true },
    };

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv2dMatchesNaiveLoops(long[] inputShape, long outChannels, long[] kernel, long[] stride, long[] padding, long[] dilation,
        long groups, bool hasBias)
    {
        using var scope = NewDisposeScope();
        var weightShape = new[] { outChannels, inputShape[1] / groups, kernel[0], kernel[1] };
        var x = Values.Random(1, inputShape);
        var w = Values.Random(2, weightShape);
        var b = hasBias ? Values.Random(3, new[] { outChannels }) : null;
        var expected = NaiveConv2d(Values.Of(x), inputShape, Values.Of(w), weightShape, b is null ? null : Values.Of(b), stride, padding,
            dilation, groups, out var expectedShape);

        var y = F.conv2d(x, w, b, stride, padding, dilation, groups);
        Assert.Equal(expectedShape, y.shape);
        Values.Close(expected, y, 1e-12);

        // the module with the same weights
        var conv = Conv2d(inputShape[1], outChannels, (kernel[0], kernel[1]), (stride[0], stride[1]), (padding[0], padding[1]),
            (dilation[0], dilation[1]), groups: groups, bias: hasBias, dtype: ScalarType.Float64);
        Assert.Equal(weightShape, conv.weight.shape);
        using (no_grad())
        {
            conv.weight.copy_(w);
            if (hasBias) conv.bias!.copy_(b!);
        }
        Assert.Equal(hasBias, conv.bias is not null);
        var z = conv.call(x);
        Values.Close(expected, z, 1e-12);
        conv.Dispose();
    }

    [Fact]
    public void Conv2dSquareOverloadsDefaultsAndSamePadding()
    {
        using var scope = NewDisposeScope();
        var x = Values.Random(4, new long[] { 1, 2, 6, 6 });
        var conv = Conv2d(2, 3, 3, stride: 2, padding: 1, dtype: ScalarType.Float64);
        Assert.Equal(new long[] { 3, 2, 3, 3 }, conv.weight.shape);
        Assert.Equal(new long[] { 3 }, conv.bias!.shape);
        Assert.Equal(new long[] { 3, 3 }, conv.kernel_size);
        Assert.Equal(new long[] { 2, 2 }, conv.stride);
        Assert.Equal(2L, conv.in_channels);
        Assert.Equal(3L, conv.out_channels);
        var expected = NaiveConv2d(Values.Of(x), x.shape, Values.Of(conv.weight), conv.weight.shape, Values.Of(conv.bias),
            new long[] { 2, 2 }, new long[] { 1, 1 }, new long[] { 1, 1 }, 1, out var shape);
        var y = conv.call(x);
        Assert.Equal(shape, y.shape);
        Values.Close(expected, y, 1e-12);
        // single-element arrays stand for both dimensions in functional.conv2d
        Values.Close(expected, F.conv2d(x, conv.weight, conv.bias, new long[] { 2 }, new long[] { 1 }), 1e-12);

        // Padding.Same keeps the spatial size at stride 1
        var same = Conv2d(2, 4, 3, Padding.Same, dtype: ScalarType.Float64);
        var s = same.call(x);
        Assert.Equal(new long[] { 1, 4, 6, 6 }, s.shape);
        var sameExpected = NaiveConv2d(Values.Of(x), x.shape, Values.Of(same.weight), same.weight.shape, Values.Of(same.bias!),
            new long[] { 1, 1 }, new long[] { 1, 1 }, new long[] { 1, 1 }, 1, out _);
        Values.Close(sameExpected, s, 1e-12);
        var valid = Conv2d(2, 4, 3, Padding.Valid, dtype: ScalarType.Float64);
        Assert.Equal(new long[] { 1, 4, 4, 4 }, valid.call(x).shape);

        // PyTorch's default init: weights within ±1/√fan_in (kaiming_uniform with a = √5) and the bias too
        var big = Conv2d(8, 16, 3);
        var bound = 1 / Math.Sqrt(8 * 9);
        Assert.All(Values.Of(big.weight), v => Assert.InRange(v, -bound, bound));
        Assert.All(Values.Of(big.bias!), v => Assert.InRange(v, -bound, bound));
        Assert.Equal(ScalarType.Float32, big.weight.dtype);
        Assert.True(big.weight.requires_grad);
        foreach (var m in new Module[] { conv, same, valid, big }) m.Dispose();
    }

    [Theory]
    [InlineData(2L, 0L, 0L)]
    [InlineData(3L, 1L, 0L)]
    [InlineData(3L, 2L, 1L)]
    [InlineData(2L, 1L, 1L)]
    public void MaxPool2dMatchesNaiveLoops(long kernel, long stride, long padding)
    {
        using var scope = NewDisposeScope();
        var x = Values.Random(5, new long[] { 2, 3, 7, 6 });
        var s = stride == 0 ? kernel : stride; // 0 here means "default stride" (= kernel)
        var expected = NaiveMaxPool2d(Values.Of(x), x.shape, new[] { kernel, kernel }, new[] { s, s }, new[] { padding, padding },
            new long[] { 1, 1 }, out var shape);
        var y = stride == 0 ? F.max_pool2d(x, kernel, padding: padding) : F.max_pool2d(x, kernel, stride, padding);
        Assert.Equal(shape, y.shape);
        Values.Close(expected, y, 0);
        Values.Close(expected, F.max_pool2d(x, (kernel, kernel), stride == 0 ? null : (s, s), (padding, padding)), 0);
        Values.Close(expected, F.max_pool2d(x, new[] { kernel, kernel }, stride == 0 ? null : new[] { s, s }, new[] { padding, padding }), 0);
        using var pool = stride == 0 ? MaxPool2d(kernel, padding: padding) : MaxPool2d(kernel, stride, padding);
        Values.Close(expected, pool.call(x), 0);
    }

    [Fact]
    public void MaxPool2dRectangularKernelStrideAndDilation()
    {
        using var scope = NewDisposeScope();
        var x = Values.Random(6, new long[] { 1, 2, 8, 9 });
        var expected = NaiveMaxPool2d(Values.Of(x), x.shape, new long[] { 2, 3 }, new long[] { 1, 2 }, new long[] { 1, 0 },
            new long[] { 2, 1 }, out var shape);
        var y = F.max_pool2d(x, (2, 3), (1, 2), (1, 0), (2, 1));
        Assert.Equal(shape, y.shape);
        Values.Close(expected, y, 0);
        using var pool = MaxPool2d((2, 3), (1, 2), (1, 0), (2, 1));
        Values.Close(expected, pool.call(x), 0);
        using var poolArrays = MaxPool2d(new long[] { 2, 3 }, new long[] { 1, 2 }, new long[] { 1, 0 }, new long[] { 2, 1 });
        Values.Close(expected, poolArrays.call(x), 0);
        // ceil_mode adds the partial window at the end
        Assert.Equal(new long[] { 1, 2, 3, 3 }, F.max_pool2d(Values.Random(7, new long[] { 1, 2, 5, 5 }), 2, ceil_mode: true).shape);
        Assert.Equal(new long[] { 1, 2, 2, 2 }, F.max_pool2d(Values.Random(7, new long[] { 1, 2, 5, 5 }), 2).shape);
    }

    [Fact]
    public void LinearMatchesNaiveLoops()
    {
        using var scope = NewDisposeScope();
        var x = Values.Random(8, new long[] { 5, 4 });
        var w = Values.Random(9, new long[] { 3, 4 });
        var b = Values.Random(10, new long[] { 3 });
        var expected = NaiveLinear(Values.Of(x), 5, 4, Values.Of(w), 3, Values.Of(b));
        var y = F.linear(x, w, b);
        Assert.Equal(new long[] { 5, 3 }, y.shape);
        Values.Close(expected, y, 1e-12);
        Values.Close(NaiveLinear(Values.Of(x), 5, 4, Values.Of(w), 3, null), F.linear(x, w), 1e-12);
        // leading batch dimensions
        var x3 = x.reshape(5, 1, 4);
        Assert.Equal(new long[] { 5, 1, 3 }, F.linear(x3, w, b).shape);
        Values.Close(expected, F.linear(x3, w, b), 1e-12);

        var linear = Linear(4, 3, dtype: ScalarType.Float64);
        Assert.Equal(4L, linear.in_features);
        Assert.Equal(3L, linear.out_features);
        Assert.Equal(new long[] { 3, 4 }, linear.weight.shape);
        var bound = 1 / Math.Sqrt(4);
        Assert.All(Values.Of(linear.weight), v => Assert.InRange(v, -bound, bound));
        Assert.All(Values.Of(linear.bias!), v => Assert.InRange(v, -bound, bound));
        Values.Close(NaiveLinear(Values.Of(x), 5, 4, Values.Of(linear.weight), 3, Values.Of(linear.bias!)), linear.call(x), 1e-12);
        var noBias = Linear(4, 3, hasBias: false);
        Assert.Null(noBias.bias);
        Assert.Single(noBias.parameters());
        // from given parameters
        var given = Linear(new Parameter(w.clone()), new Parameter(b.clone()));
        Assert.Equal(4L, given.in_features);
        Values.Close(expected, given.call(x), 1e-12);
        foreach (var m in new Module[] { linear, noBias, given }) m.Dispose();
    }

    [Fact]
    public void ActivationModulesMatchFunctionalForms()
    {
        using var scope = NewDisposeScope();
        var x = Values.Random(11, new long[] { 3, 4 }, -3, 3);
        (Module<Tensor, Tensor> module, Func<Tensor, Tensor> reference)[] cases =
        {
            (ReLU(), t => t.relu()), (Sigmoid(), t => t.sigmoid()), (Tanh(), t => t.tanh()), (SELU(), t => t.selu()),
            (ELU(0.7), t => F.elu(t, 0.7)), (LeakyReLU(0.05), t => F.leaky_relu(t, 0.05)), (GELU(), t => t.gelu()),
            (GELU(TorchSharp.Modules.GELU.Approximate.tanh), t => t.gelu(TorchSharp.Modules.GELU.Approximate.tanh)),
            (SiLU(), t => t.silu()), (Mish(), t => F.mish(t)), (Softplus(2, 5), t => t.softplus(2, 5)),
            (Softmax(1), t => t.softmax(1)), (LogSoftmax(0), t => t.log_softmax(0)), (Identity(), t => t.alias()),
            (Flatten(), t => t.flatten(1)),
        };
        foreach (var (module, reference) in cases)
        {
            var y = module.call(x);
            Assert.Equal(reference(x).shape, y.shape);
            Values.Close(Values.Of(reference(x)), y, 1e-12);
            module.Dispose();
        }

        // PReLU: max(0, x) + a · min(0, x) per channel
        var prelu = PReLU(3, 0.25, dtype: ScalarType.Float64);
        var p = Values.Random(12, new long[] { 2, 3, 2 }, -2, 2);
        var values = Values.Of(p);
        Values.Close(values.Select(v => v > 0 ? v : 0.25 * v).ToArray(), prelu.call(p), 1e-12);
        Assert.Equal(new[] { "weight" }, prelu.named_parameters().Select(e => e.name));
        prelu.Dispose();

        // in-place activations modify and return their input
        var inplace = x.clone();
        using var relu = ReLU(inplace: true);
        var r = relu.call(inplace);
        Assert.True(r.Equals(inplace));
        Assert.All(Values.Of(inplace), v => Assert.True(v >= 0));
    }

    [Fact]
    public void DropoutScalesInTrainingAndIsTheIdentityInEval()
    {
        using var scope = NewDisposeScope();
        var x = ones(2000, dtype: ScalarType.Float64);
        var y = F.dropout(x, 0.25);
        var values = Values.Of(y);
        Assert.All(values, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.75) < 1e-12, $"unexpected value {v}"));
        Assert.InRange(values.Count(v => v == 0) / 2000.0, 0.19, 0.31);
        Assert.Equal(Values.Of(x), Values.Of(F.dropout(x, 0.25, training: false)));
        Assert.All(Values.Of(F.dropout(x, 1.0)), v => Assert.Equal(0.0, v));
        Assert.Equal(Values.Of(x), Values.Of(F.dropout(x, 0.0)));

        using var dropout = Dropout(0.5);
        Assert.True(dropout.training);
        Assert.Contains(0.0, Values.Of(dropout.call(x)));
        dropout.eval();
        Assert.False(dropout.training);
        Assert.Equal(Values.Of(x), Values.Of(dropout.call(x)));
        dropout.train();
        Assert.Contains(0.0, Values.Of(dropout.call(x)));

        // alpha dropout variants default to training: false in functional form
        Assert.Equal(Values.Of(x), Values.Of(F.alpha_dropout(x, 0.5)));
        Assert.Equal(Values.Of(x), Values.Of(F.feature_alpha_dropout(x, 0.5)));
        Assert.NotEqual(Values.Of(x), Values.Of(F.alpha_dropout(x, 0.5, training: true)));
    }

    [Fact]
    public void SequentialChainsItsModules()
    {
        using var scope = NewDisposeScope();
        var x = Values.Random(13, new long[] { 4, 3 });
        var seq = Sequential(Linear(3, 5, dtype: ScalarType.Float64), ReLU(), Linear(5, 2, dtype: ScalarType.Float64));
        Assert.Equal(3, seq.Count);
        var l1 = (Linear)seq[0];
        var l2 = (Linear)seq[2];
        var expected = F.linear(F.linear(x, l1.weight, l1.bias).relu(), l2.weight, l2.bias);
        Values.Close(Values.Of(expected), seq.call(x), 1e-12);
        var head = seq[..2];
        Assert.Equal(2, head.Count);
        Assert.Equal(new long[] { 4, 5 }, head.call(x).shape);
        var named = Sequential(("fc", Linear(3, 2)), ("act", Tanh()));
        Assert.Equal(new[] { "fc", "act" }, named.named_children().Select(c => c.name));
        var appended = Sequential().append(Linear(3, 2)).append("out", Sigmoid());
        Assert.Equal(new[] { "0", "out" }, appended.named_children().Select(c => c.name));
        // an empty Sequential returns its input's values
        Assert.Equal(Values.Of(x), Values.Of(Sequential().call(x)));
        foreach (var m in new Module[] { seq, named, appended }) m.Dispose();
    }

    [Fact]
    public void NllAndCrossEntropyLosses()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new double[] { 1, 2, 0.5, -1, 0, 3, 0.2, 0.2, 0.1 }, new long[] { 3, 3 });
        var target = tensor(new long[] { 1, 2, 0 });
        var raw = Values.Of(logits);
        double LogSoftmax(int row, int column)
        {
            var r = raw.Skip(row * 3).Take(3).ToArray();
            var m = r.Max();
            return r[column] - m - Math.Log(r.Sum(v => Math.Exp(v - m)));
        }
        var picked = new[] { LogSoftmax(0, 1), LogSoftmax(1, 2), LogSoftmax(2, 0) };
        var logp = logits.log_softmax(1);

        Values.Close(-picked.Average(), F.nll_loss(logp, target).item<double>(), 1e-12);
        Values.Close(-picked.Sum(), F.nll_loss(logp, target, reduction: Reduction.Sum).item<double>(), 1e-12);
        Values.Close(picked.Select(v => -v).ToArray(), F.nll_loss(logp, target, reduction: Reduction.None), 1e-12);
        Values.Close(-picked.Average(), F.cross_entropy(logits, target).item<double>(), 1e-12);
        Values.Close(-picked.Average(), NLLLoss().call(logp, target).item<double>(), 1e-12);
        Values.Close(-picked.Average(), CrossEntropyLoss().call(logits, target).item<double>(), 1e-12);

        // class weights: the weighted mean divides by the sum of the targets' weights
        var weight = tensor(new double[] { 0.5, 2, 1 });
        var w = new[] { 2.0, 1.0, 0.5 };
        var weightedMean = -(w[0] * picked[0] + w[1] * picked[1] + w[2] * picked[2]) / w.Sum();
        Values.Close(weightedMean, F.nll_loss(logp, target, weight).item<double>(), 1e-12);
        Values.Close(weightedMean, F.cross_entropy(logits, target, weight).item<double>(), 1e-12);
        Values.Close(weightedMean, CrossEntropyLoss(weight).call(logits, target).item<double>(), 1e-12);

        // ignore_index drops the sample from the mean
        var ignoring = tensor(new long[] { 1, -100, 0 });
        Values.Close(-(picked[0] + picked[2]) / 2, F.cross_entropy(logits, ignoring).item<double>(), 1e-12);
        var ignore2 = tensor(new long[] { 1, 2, 2 });
        Values.Close(-picked[0], F.cross_entropy(logits, ignore2, ignore_index: 2).item<double>(), 1e-12);
        Values.Close(-picked[0], CrossEntropyLoss(ignore_index: 2).call(logits, ignore2).item<double>(), 1e-12);

        // label smoothing ε: (1-ε)·NLL + ε·mean over classes of -log p
        const double eps = 0.1;
        var smooth = Enumerable.Range(0, 3).Select(r => -Enumerable.Range(0, 3).Select(c => LogSoftmax(r, c)).Average()).ToArray();
        var expectedSmoothed = Enumerable.Range(0, 3).Select(r => (1 - eps) * -picked[r] + eps * smooth[r]).Average();
        Values.Close(expectedSmoothed, F.cross_entropy(logits, target, label_smoothing: eps).item<double>(), 1e-12);
        Values.Close(expectedSmoothed, new CrossEntropyLoss(label_smoothing: eps).call(logits, target).item<double>(), 1e-12);

        // NLL over spatial maps: input [N, C, d], target [N, d]
        var maps = Values.Random(14, new long[] { 2, 3, 4 }).log_softmax(1);
        var mapTarget = tensor(new long[] { 0, 1, 2, 1, 2, 2, 0, 0 }, new long[] { 2, 4 });
        var mapValues = Values.Of(maps);
        var targets = Values.LongsOf(mapTarget);
        var manual = 0.0;
        for (var n = 0; n < 2; n++)
        for (var d = 0; d < 4; d++)
            manual -= mapValues[(n * 3 + targets[n * 4 + d]) * 4 + d];
        Values.Close(manual / 8, F.nll_loss(maps, mapTarget).item<double>(), 1e-12);
    }

    [Fact]
    public void MseAndBinaryCrossEntropyLosses()
    {
        using var scope = NewDisposeScope();
        var input = tensor(new double[] { 0.2, 0.9, 0.5, 0.3 });
        var target = tensor(new double[] { 0, 1, 1, 0.5 });
        var i = Values.Of(input);
        var t = Values.Of(target);
        var squared = i.Zip(t, (a, b) => (a - b) * (a - b)).ToArray();
        Values.Close(squared.Average(), F.mse_loss(input, target).item<double>(), 1e-12);
        Values.Close(squared.Sum(), F.mse_loss(input, target, Reduction.Sum).item<double>(), 1e-12);
        Values.Close(squared, F.mse_loss(input, target, Reduction.None), 1e-12);
        Values.Close(squared.Average(), MSELoss().call(input, target).item<double>(), 1e-12);

        var bce = i.Zip(t, (p, y) => -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p))).ToArray();
        Values.Close(bce.Average(), F.binary_cross_entropy(input, target).item<double>(), 1e-12);
        Values.Close(bce.Sum(), F.binary_cross_entropy(input, target, reduction: Reduction.Sum).item<double>(), 1e-12);
        Values.Close(bce.Average(), BCELoss().call(input, target).item<double>(), 1e-12);
        var weight = tensor(new double[] { 1, 2, 3, 4 });
        Values.Close(bce.Select((v, k) => v * (k + 1)).Average(), F.binary_cross_entropy(input, target, weight).item<double>(), 1e-12);

        var logits = tensor(new double[] { -1, 2, 0.5, 0 });
        var withLogits = Values.Of(logits).Zip(t, (z, y) => -(y * Math.Log(MathRef.Sigmoid(z)) + (1 - y) * Math.Log(1 - MathRef.Sigmoid(z)))).ToArray();
        Values.Close(withLogits.Average(), F.binary_cross_entropy_with_logits(logits, target).item<double>(), 1e-12);
        Values.Close(withLogits.Average(), BCEWithLogitsLoss().call(logits, target).item<double>(), 1e-12);
        // pos_weights scales the positive term
        var posWeight = tensor(new double[] { 3, 3, 3, 3 });
        var weightedPositive = Values.Of(logits).Zip(t, (z, y) => -(3 * y * Math.Log(MathRef.Sigmoid(z)) + (1 - y) * Math.Log(1 - MathRef.Sigmoid(z)))).ToArray();
        Values.Close(weightedPositive.Average(), F.binary_cross_entropy_with_logits(logits, target, pos_weights: posWeight).item<double>(), 1e-12);
    }
    [Fact]
    public void InitFunctionsFillInPlaceWithTheRightDistribution()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(17);
        var w = Parameter(empty(200, 100, dtype: ScalarType.Float64)); // fan_in 100, fan_out 200; requires grad
        double Std(double[] v)
        {
            var m = v.Average();
            return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / v.Length);
        }

        Assert.Same(w, init.normal_(w, 2, 0.5, generator));
        var values = Values.Of(w);
        Assert.InRange(values.Average(), 1.98, 2.02);
        Assert.InRange(Std(values), 0.49, 0.51);
        Assert.True(w.requires_grad && w.is_leaf);

        Assert.Same(w, init.uniform_(w, -3, -2, generator));
        values = Values.Of(w);
        Assert.All(values, v => Assert.InRange(v, -3.0, -2.0));
        Assert.InRange(values.Average(), -2.52, -2.48);
        Assert.InRange(Values.Of(init.uniform_(w)).Average(), 0.48, 0.52);

        Assert.All(Values.Of(init.zeros_(w)), v => Assert.Equal(0.0, v));
        Assert.All(Values.Of(init.ones_(w)), v => Assert.Equal(1.0, v));
        Assert.All(Values.Of(init.constant_(w, 2.5)), v => Assert.Equal(2.5, v));

        // kaiming with the default leaky_relu(a = 0) gain √2: bound √3·√2/√fan_in, std √2/√fan_in
        var kaimingBound = Math.Sqrt(3) * Math.Sqrt(2) / Math.Sqrt(100);
        values = Values.Of(init.kaiming_uniform_(w));
        Assert.All(values, v => Assert.InRange(v, -kaimingBound, kaimingBound));
        Assert.InRange(values.Max(Math.Abs), 0.98 * kaimingBound, kaimingBound);
        Assert.InRange(Std(Values.Of(init.kaiming_normal_(w))), 0.97 * Math.Sqrt(0.02), 1.03 * Math.Sqrt(0.02));
        Assert.InRange(Std(Values.Of(init.kaiming_normal_(w, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.Linear))),
            0.97 / Math.Sqrt(200), 1.03 / Math.Sqrt(200));
        var withA = Math.Sqrt(3) * Math.Sqrt(2.0 / (1 + 5)) / Math.Sqrt(100);
        Assert.InRange(Values.Of(init.kaiming_uniform_(w, a: Math.Sqrt(5))).Max(Math.Abs), 0.98 * withA, withA);

        var xavierBound = Math.Sqrt(6.0 / 300);
        values = Values.Of(init.xavier_uniform_(w));
        Assert.All(values, v => Assert.InRange(v, -xavierBound, xavierBound));
        Assert.InRange(values.Max(Math.Abs), 0.98 * xavierBound, xavierBound);
        Assert.All(Values.Of(init.glorot_uniform_(w, 2)), v => Assert.InRange(v, -2 * xavierBound, 2 * xavierBound));
        Assert.InRange(Std(Values.Of(init.xavier_normal_(w))), 0.97 * Math.Sqrt(2.0 / 300), 1.03 * Math.Sqrt(2.0 / 300));
        Assert.InRange(Std(Values.Of(init.glorot_normal_(w, 3))), 0.97 * 3 * Math.Sqrt(2.0 / 300), 1.03 * 3 * Math.Sqrt(2.0 / 300));

        Assert.Equal(5.0 / 3, init.calculate_gain(init.NonlinearityType.Tanh), 12);
        Assert.Equal(Math.Sqrt(2), init.calculate_gain(init.NonlinearityType.ReLU), 12);
        Assert.Equal(Math.Sqrt(2 / 1.04), init.calculate_gain(init.NonlinearityType.LeakyReLU, 0.2), 12);
        Assert.Equal(Math.Sqrt(2), init.calculate_gain(init.NonlinearityType.LeakyReLU), 12);
        Assert.Equal(1.0, init.calculate_gain(init.NonlinearityType.Linear));
        Assert.Equal(1.0, init.calculate_gain(init.NonlinearityType.Sigmoid));
        Assert.Equal(1.0, init.calculate_gain(init.NonlinearityType.Conv2D));
        Assert.Equal((72L, 144L), init.CalculateFanInAndFanOut(empty(16, 8, 3, 3)));
        Assert.Equal((100L, 200L), init.CalculateFanInAndFanOut(w));
        Assert.Throws<ArgumentException>(() => init.CalculateFanInAndFanOut(empty(5)));

        // seeded generators make init reproducible
        using var g1 = new Generator(3);
        using var g2 = new Generator(3);
        Assert.Equal(Values.Of(init.normal_(empty(10), generator: g1)), Values.Of(init.normal_(empty(10), generator: g2)));
    }
}
