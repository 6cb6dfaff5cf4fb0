using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchBinding.Tests;

// Values of element-wise ops, arithmetic (including the scalar-on-the-left operators), comparisons and reductions,
// each against results computed by hand or with System.Math.
public class TensorOpsTests
{
    private static readonly double[] Mixed = { -2.5, -1.0, -0.3, 0.0, 0.4, 1.0, 2.2 };
    private static readonly double[] Positive = { 0.1, 0.5, 1.0, 2.0, 7.5 };

    public static TheoryData<string> UnaryOps => new()
    {
        "abs", "exp", "log", "sqrt", "tanh", "sigmoid", "relu", "neg", "square", "rsqrt", "reciprocal", "sign", "floor", "ceil",
        "trunc", "frac", "log_sigmoid", "log1p", "log2", "log10", "expm1", "erf", "cos", "sin", "gelu", "gelu_tanh", "selu", "silu",
        "elu", "elu_alpha", "leaky_relu", "softplus", "softplus_beta", "mish", "round", "round_decimals", "pow2", "pow_half",
        "clamp", "clamp_min", "clamp_max", "unary_minus",
    };

    // (op, domain, reference)
    private static (Func<Tensor, Tensor> op, double[] domain, Func<double, double> reference) Unary(string name) => name switch
    {
        "abs" => (t => t.abs(), Mixed, Math.Abs),
        "exp" => (t => t.exp(), Mixed, Math.Exp),
        "log" => (t => t.log(), Positive, Math.Log),
        "sqrt" => (t => t.sqrt(), Positive, Math.Sqrt),
        "tanh" => (t => t.tanh(), Mixed, Math.Tanh),
        "sigmoid" => (t => t.sigmoid(), Mixed, MathRef.Sigmoid),
        "relu" => (t => t.relu(), Mixed, x => Math.Max(x, 0)),
        "neg" => (t => t.neg(), Mixed, x => -x),
        "square" => (t => t.square(), Mixed, x => x * x),
        "rsqrt" => (t => t.rsqrt(), Positive, x => 1 / Math.Sqrt(x)),
        "reciprocal" => (t => t.reciprocal(), Positive, x => 1 / x),
        "sign" => (t => t.sign(), Mixed, x => Math.Sign(x)),
        "floor" => (t => t.floor(), Mixed, Math.Floor),
        "ceil" => (t => t.ceil(), Mixed, Math.Ceiling),
        "trunc" => (t => t.trunc(), Mixed, Math.Truncate),
        "frac" => (t => t.frac(), Mixed, x => x - Math.Truncate(x)),
        "log_sigmoid" => (t => t.log_sigmoid(), Mixed, x => Math.Log(MathRef.Sigmoid(x))),
        "log1p" => (t => t.log1p(), Positive, x => Math.Log(1 + x)),
        "log2" => (t => t.log2(), Positive, Math.Log2),
        "log10" => (t => t.log10(), Positive, Math.Log10),
        "expm1" => (t => t.expm1(), Mixed, x => Math.Exp(x) - 1),
        "erf" => (t => t.erf(), Mixed, MathRef.Erf),
        "cos" => (t => t.cos(), Mixed, Math.Cos),
        "sin" => (t => t.sin(), Mixed, Math.Sin),
        "gelu" => (t => t.gelu(), Mixed, x => 0.5 * x * (1 + MathRef.Erf(x / Math.Sqrt(2)))),
        "gelu_tanh" => (t => F.gelu(t, TorchSharp.Modules.GELU.Approximate.tanh), Mixed,
            x => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))),
        "selu" => (t => t.selu(), Mixed, x => 1.0507009873554804934 * (x > 0 ? x : 1.6732632423543772848 * (Math.Exp(x) - 1))),
        "silu" => (t => t.silu(), Mixed, x => x * MathRef.Sigmoid(x)),
        "elu" => (t => t.elu(), Mixed, x => x > 0 ? x : Math.Exp(x) - 1),
        "elu_alpha" => (t => F.elu(t, 0.5), Mixed, x => x > 0 ? x : 0.5 * (Math.Exp(x) - 1)),
        "leaky_relu" => (t => F.leaky_relu(t, 0.1), Mixed, x => x > 0 ? x : 0.1 * x),
        "softplus" => (t => t.softplus(), Mixed, x => MathRef.Softplus(x)),
        "softplus_beta" => (t => F.softplus(t, 2, 1), Mixed, x => MathRef.Softplus(x, 2, 1)),
        "mish" => (t => F.mish(t), Mixed, x => x * Math.Tanh(MathRef.Softplus(x))),
        "round" => (t => t.round(), new[] { -2.5, -1.5, -0.4, 0.5, 1.5, 2.6 }, x => Math.Round(x, MidpointRounding.ToEven)),
        "round_decimals" => (t => t.round(1), new[] { -1.26, 0.04, 0.36, 2.71 }, x => Math.Round(x, 1)),
        "pow2" => (t => t.pow(2), Mixed, x => x * x),
        "pow_half" => (t => t.pow(0.5), Positive, Math.Sqrt),
        "clamp" => (t => t.clamp(-1.0, 0.5), Mixed, x => Math.Clamp(x, -1.0, 0.5)),
        "clamp_min" => (t => t.clamp_min(0.2), Mixed, x => Math.Max(x, 0.2)),
        "clamp_max" => (t => t.clamp_max(0.2), Mixed, x => Math.Min(x, 0.2)),
        "unary_minus" => (t => -t, Mixed, x => -x),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryOpMatchesReference(string name)
    {
        using var scope = NewDisposeScope();
        var (op, domain, reference) = Unary(name);
        var x = tensor(domain);
        var y = op(x);
        Assert.Equal(ScalarType.Float64, y.dtype);
        Assert.Equal(x.shape, y.shape);
        Values.Close(domain.Select(reference).ToArray(), y, 1e-12);

        // The same op in float32 agrees to single precision.
        var y32 = op(x.to(ScalarType.Float32));
        Assert.Equal(ScalarType.Float32, y32.dtype);
        Values.Close(domain.Select(reference).ToArray(), y32, 1e-5);
    }

    [Fact]
    public void InPlaceUnaryOpsWriteIntoTheTensorAndReturnIt()
    {
        using var scope = NewDisposeScope();
        (Func<Tensor, Tensor> op, Func<double, double> reference)[] cases =
        {
            (t => t.abs_(), Math.Abs), (t => t.exp_(), Math.Exp), (t => t.tanh_(), Math.Tanh), (t => t.sigmoid_(), MathRef.Sigmoid),
            (t => t.relu_(), x => Math.Max(0, x)), (t => t.neg_(), x => -x), (t => t.expm1_(), x => Math.Exp(x) - 1),
            (t => t.erf_(), MathRef.Erf), (t => t.silu_(), x => x * MathRef.Sigmoid(x)), (t => t.elu_(), x => x > 0 ? x : Math.Exp(x) - 1),
            (t => t.leaky_relu_(0.2), x => x > 0 ? x : 0.2 * x), (t => t.clamp_(-0.5, 0.5), x => Math.Clamp(x, -0.5, 0.5)),
            (t => t.clamp_min_(0.1), x => Math.Max(x, 0.1)), (t => t.clamp_max_(0.1), x => Math.Min(x, 0.1)),
            (t => t.zero_(), _ => 0), (t => t.fill_(3.5), _ => 3.5), (t => t.pow_(2), x => x * x),
        };
        foreach (var (op, reference) in cases)
        {
            var x = tensor(Mixed);
            var result = op(x);
            Assert.Same(x, result);
            Values.Close(Mixed.Select(reference).ToArray(), x, 1e-12);
        }
        var p = tensor(Positive);
        Assert.Same(p, p.log_());
        Values.Close(Positive.Select(v => Math.Log(v)).ToArray(), p, 1e-12);
        var q = tensor(Positive);
        Assert.Same(q, q.sqrt_());
        Values.Close(Positive.Select(Math.Sqrt).ToArray(), q, 1e-12);
        var r = tensor(Positive);
        Assert.Same(r, r.log1p_());
        Values.Close(Positive.Select(v => Math.Log(1 + v)).ToArray(), r, 1e-12);
    }

    [Fact]
    public void ArithmeticBetweenTensors()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 1, -2, 3.5, 4 }, new long[] { 2, 2 });
        var b = tensor(new double[] { 0.5, 4, -2, 8 }, new long[] { 2, 2 });
        Values.Close(new[] { 1.5, 2, 1.5, 12 }, a + b);
        Values.Close(new[] { 1.5, 2, 1.5, 12 }, a.add(b));
        Values.Close(new[] { 2.0, 6, -0.5, 20 }, a.add(b, 2));
        Values.Close(new[] { 0.5, -6, 5.5, -4 }, a - b);
        Values.Close(new[] { 0.5, -6, 5.5, -4 }, a.sub(b));
        Values.Close(new[] { 0.5, -8, -7, 32 }, a * b);
        Values.Close(new[] { 0.5, -8, -7, 32 }, a.mul(b));
        Values.Close(new[] { 2, -0.5, -1.75, 0.5 }, a / b);
        Values.Close(new[] { 2, -0.5, -1.75, 0.5 }, a.div(b));
        Values.Close(new[] { 1, 16, 1 / 12.25, 65536 }, a.pow(b));
        Values.Close(new[] { 1, 16, 1 / 12.25, 65536 }, pow(a, b));
        Values.Close(new[] { 1, 4, 3.5, 8 }, a.maximum(b));
        Values.Close(new[] { 0.5, -2, -2, 4 }, minimum(a, b));
        Values.Close(new[] { 1, 4, 3.5, 8 }, max(a, b));
        Values.Close(new[] { 0.5, -2, -2, 4 }, min(a, b));

        // broadcasting a row over a matrix
        var row = tensor(new double[] { 10, 20 });
        Values.Close(new[] { 11.0, 18, 13.5, 24 }, a + row);
        Values.Close(new[] { 10.0, -40, 35, 80 }, a * row);
    }

    [Fact]
    public void DivisionRoundingModesRemainderAndFmod()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 7, -7, 7, -7 });
        var b = tensor(new double[] { 2, 2, -2, -2 });
        Values.Close(new[] { 3.5, -3.5, -3.5, 3.5 }, a.div(b));
        Values.Close(new[] { 3.0, -3, -3, 3 }, a.div(b, RoundingMode.trunc));
        Values.Close(new[] { 3.0, -4, -4, 3 }, a.div(b, RoundingMode.floor));
        Values.Close(new[] { 3.0, -4, 3, -4 }, a.div(2, RoundingMode.floor));
        // remainder takes the divisor's sign (Python), fmod the dividend's (C)
        Values.Close(new[] { 1.0, 1, -1, -1 }, a.remainder(b));
        Values.Close(new[] { 1.0, 1, -1, -1 }, a % b);
        Values.Close(new[] { 1.0, 2, 1, 2 }, a % 3);
        Values.Close(new[] { 1.0, -1, 1, -1 }, a.fmod(b));
        Values.Close(new[] { 1.0, -1, 1, -1 }, a.fmod(3));

        var ints = tensor(new long[] { 7, -7 });
        var q = ints.div(2, RoundingMode.trunc);
        Assert.Equal(ScalarType.Int64, q.dtype);
        Assert.Equal(new long[] { 3, -3 }, Values.LongsOf(q));
        var trueDivision = ints / 2;
        Assert.Equal(ScalarType.Float32, trueDivision.dtype);
        Values.Close(new[] { 3.5, -3.5 }, trueDivision);
    }

    [Fact]
    public void ArithmeticWithScalarsOnEitherSide()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new double[] { 1, 2, 4 });
        Values.Close(new[] { 3.0, 4, 6 }, t + 2);
        Values.Close(new[] { 3.0, 4, 6 }, 2 + t);
        Values.Close(new[] { 3.5, 4.5, 6.5 }, 2.5 + t);
        Values.Close(new[] { 3.5, 4.5, 6.5 }, 2.5f + t);
        Values.Close(new[] { 3.0, 4, 6 }, 2L + t);
        Values.Close(new[] { -1.0, 0, 2 }, t - 2);
        Values.Close(new[] { 1.0, 0, -2 }, 2 - t);
        Values.Close(new[] { 1.0, 0, -2 }, 2L - t);
        Values.Close(new[] { 0.5, -0.5, -2.5 }, 1.5 - t);
        Values.Close(new[] { 0.5, -0.5, -2.5 }, 1.5f - t);
        Values.Close(new[] { 3.0, 6, 12 }, t * 3);
        Values.Close(new[] { 3.0, 6, 12 }, 3 * t);
        Values.Close(new[] { 0.5, 1, 2 }, 0.5 * t);
        Values.Close(new[] { 0.5, 1, 2 }, 0.5f * t);
        Values.Close(new[] { 3.0, 6, 12 }, 3L * t);
        Values.Close(new[] { 0.5, 1, 2 }, t / 2);
        Values.Close(new[] { 2.0, 1, 0.5 }, 2 / t);
        Values.Close(new[] { 2.0, 1, 0.5 }, 2L / t);
        Values.Close(new[] { 3.0, 1.5, 0.75 }, 3.0 / t);
        Values.Close(new[] { 3.0, 1.5, 0.75 }, 3.0f / t);

        Scalar s = 10;
        Values.Close(new[] { 11.0, 12, 14 }, s + t);
        Values.Close(new[] { 9.0, 8, 6 }, s - t);
        Values.Close(new[] { 10.0, 20, 40 }, s * t);
        Values.Close(new[] { 10.0, 5, 2.5 }, s / t);
        Values.Close(new[] { 11.0, 12, 14 }, t + s);
        Values.Close(new[] { -9.0, -8, -6 }, t - s);
        Values.Close(new[] { 10.0, 20, 40 }, t * s);
        Values.Close(new[] { 0.1, 0.2, 0.4 }, t / s);
        Values.Close(new[] { 1.0, 2, 4 }, t.add(1, 0));
        Values.Close(new[] { 7.0, 8, 10 }, t.add(3, 2));

        // an integer tensor stays integral under integer scalars and becomes floating under a division
        var i = tensor(new long[] { 1, 2, 4 });
        var shifted = 10 - i;
        Assert.Equal(ScalarType.Int64, shifted.dtype);
        Assert.Equal(new long[] { 9, 8, 6 }, Values.LongsOf(shifted));
        var scaled = 3 * i;
        Assert.Equal(ScalarType.Int64, scaled.dtype);
        Assert.Equal(new long[] { 3, 6, 12 }, Values.LongsOf(scaled));
        var inverse = 4 / i;
        Assert.True(inverse.is_floating_point());
        Values.Close(new[] { 4.0, 2, 1 }, inverse);

        // a float32 tensor stays float32 under double scalars
        var f = tensor(new float[] { 1, 2 });
        Assert.Equal(ScalarType.Float32, (2.5 - f).dtype);
        Assert.Equal(ScalarType.Float32, (2.5 / f).dtype);
        Assert.Equal(ScalarType.Float32, (f * 2.5).dtype);
    }

    [Fact]
    public void InPlaceArithmetic()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new double[] { 1, 2, 4 });
        var other = tensor(new double[] { 1, 1, 2 });
        Assert.Same(t, t.add_(other));
        Values.Close(new[] { 2.0, 3, 6 }, t);
        Assert.Same(t, t.add_(other, -2));
        Values.Close(new[] { 0.0, 1, 2 }, t);
        Assert.Same(t, t.add_(1));
        Values.Close(new[] { 1.0, 2, 3 }, t);
        Assert.Same(t, t.add_(1, 3));
        Values.Close(new[] { 4.0, 5, 6 }, t);
        Assert.Same(t, t.sub_(other));
        Values.Close(new[] { 3.0, 4, 4 }, t);
        Assert.Same(t, t.sub_(1));
        Values.Close(new[] { 2.0, 3, 3 }, t);
        Assert.Same(t, t.mul_(other));
        Values.Close(new[] { 2.0, 3, 6 }, t);
        Assert.Same(t, t.mul_(0.5));
        Values.Close(new[] { 1.0, 1.5, 3 }, t);
        Assert.Same(t, t.div_(other));
        Values.Close(new[] { 1.0, 1.5, 1.5 }, t);
        Assert.Same(t, t.div_(0.5));
        Values.Close(new[] { 2.0, 3, 3 }, t);
        Assert.Same(t, t.pow_(other));
        Values.Close(new[] { 2.0, 3, 9 }, t);
        Assert.Same(t, t.remainder_(2));
        Values.Close(new[] { 0.0, 1, 1 }, t);
    }

    [Fact]
    public void FusedAndMatrixOps()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new double[] { 1, 2, 3 });
        var a = tensor(new double[] { 2, 4, 6 });
        var b = tensor(new double[] { 0.5, 2, -1 });
        Values.Close(new[] { 1 + 0.3 * 1, 2 + 0.3 * 8, 3 + 0.3 * -6 }, t.addcmul(a, b, 0.3));
        Values.Close(new[] { 1 + 0.3 * 4, 2 + 0.3 * 2, 3 + 0.3 * -6 }, t.addcdiv(a, b, 0.3));
        Values.Close(new[] { 1 + 0.25 * 1, 2 + 0.25 * 2, 3 + 0.25 * 3 }, t.lerp(a, 0.25));
        var c = t.clone();
        Assert.Same(c, c.addcmul_(a, b, 1));
        Values.Close(new[] { 2.0, 10, -3 }, c);
        Assert.Same(c, c.addcdiv_(a, b, 1));
        Values.Close(new[] { 6.0, 12, -9 }, c);
        Assert.Same(c, c.lerp_(t, 0.5));
        Values.Close(new[] { 3.5, 7, -3 }, c);

        // [2x3] @ [3x2]
        var m = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        var n = tensor(new double[] { 7, 8, 9, 10, 11, 12 }, new long[] { 3, 2 });
        var expected = new double[] { 58, 64, 139, 154 };
        Values.Close(expected, m.matmul(n));
        Values.Close(expected, matmul(m, n));
        Values.Close(expected, m.mm(n));
        Assert.Equal(new long[] { 2, 2 }, m.matmul(n).shape);
        // matrix @ vector
        Values.Close(new double[] { 1 - 3, 4 - 6 }, m.matmul(tensor(new double[] { 1, 0, -1 })));
        // batched
        var batch = stack(new[] { m, m * 2 });
        var product = batch.matmul(n);
        Assert.Equal(new long[] { 2, 2, 2 }, product.shape);
        Values.Close(expected.Concat(expected.Select(v => 2 * v)).ToArray(), product);
    }

    [Fact]
    public void ClampWhereAndMaskedFill()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new double[] { -3, -1, 0, 2, 5 });
        Values.Close(new double[] { -1, -1, 0, 2, 2 }, t.clamp(-1, 2));
        Values.Close(new double[] { -1, -1, 0, 2, 5 }, t.clamp(min: -1));
        Values.Close(new double[] { -3, -1, 0, 2, 2 }, t.clamp(max: 2));
        Values.Close(new double[] { -1, -1, 0, 2, 2 }, clamp(t, -1, 2));
        var lo = tensor(new double[] { 0, 0, 1, 1, 1 });
        var hi = tensor(new double[] { 1, 1, 2, 1, 3 });
        Values.Close(new double[] { 0, 0, 1, 1, 3 }, t.clamp(lo, hi));
        Values.Close(new double[] { 0, 0, 1, 2, 5 }, t.clamp(min: lo));

        var condition = t > 0;
        var other = zeros_like(t) - 10;
        Values.Close(new double[] { -10, -10, -10, 2, 5 }, where(condition, t, other));
        Values.Close(new double[] { -10, -10, -10, 2, 5 }, t.where(condition, other));
        Values.Close(new double[] { -3, -1, 0, 9, 9 }, t.masked_fill(condition, 9));
        var u = t.clone();
        Assert.Same(u, u.masked_fill_(t < 0, 0));
        Values.Close(new double[] { 0, 0, 0, 2, 5 }, u);

        var nonzero = where(tensor(new[] { false, true, false, true }));
        Assert.Single(nonzero);
        Assert.Equal(new long[] { 1, 3 }, Values.LongsOf(nonzero[0]));
        // a 0-dim condition counts as 1-dim, as in NumPy
        var scalarTrue = where(tensor(true));
        Assert.Single(scalarTrue);
        Assert.Equal(new long[] { 0 }, Values.LongsOf(scalarTrue[0]));
        Assert.Equal(0L, Assert.Single(where(tensor(false))).numel());
        var nonzero2 = where(tensor(new[] { true, false, false, true }).reshape(2, 2));
        Assert.Equal(2, nonzero2.Length);
        Assert.Equal(new long[] { 0, 1 }, Values.LongsOf(nonzero2[0]));
        Assert.Equal(new long[] { 0, 1 }, Values.LongsOf(nonzero2[1]));
    }

    [Fact]
    public void ComparisonsReturnBoolTensors()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 1, 2, 3 });
        var b = tensor(new double[] { 3, 2, 1 });
        void Is(bool[] expected, Tensor actual)
        {
            Assert.Equal(ScalarType.Bool, actual.dtype);
            Assert.Equal(expected, Values.BoolsOf(actual));
        }
        Is(new[] { false, true, false }, a.eq(b));
        Is(new[] { false, true, false }, a == b);
        Is(new[] { false, true, false }, eq(a, b));
        Is(new[] { true, false, true }, a.ne(b));
        Is(new[] { true, false, true }, a != b);
        Is(new[] { true, false, true }, a.not_equal(b));
        Is(new[] { false, false, true }, a.gt(b));
        Is(new[] { false, false, true }, a > b);
        Is(new[] { false, false, true }, gt(a, b));
        Is(new[] { false, false, true }, a.greater(b));
        Is(new[] { false, true, true }, a.ge(b));
        Is(new[] { false, true, true }, a >= b);
        Is(new[] { false, true, true }, a.greater_equal(b));
        Is(new[] { true, false, false }, a.lt(b));
        Is(new[] { true, false, false }, a < b);
        Is(new[] { true, false, false }, lt(a, b));
        Is(new[] { true, false, false }, a.less(b));
        Is(new[] { true, true, false }, a.le(b));
        Is(new[] { true, true, false }, a <= b);
        Is(new[] { true, true, false }, a.less_equal(b));

        // against scalars, on either side
        Is(new[] { false, true, false }, a.eq(2));
        Is(new[] { false, true, false }, a == 2);
        Is(new[] { false, true, false }, 2 == a);
        Is(new[] { true, false, true }, a != 2);
        Is(new[] { true, false, true }, 2 != a);
        Is(new[] { false, false, true }, a > 2);
        Is(new[] { true, false, false }, 2 > a);
        Is(new[] { false, true, true }, a >= 2);
        Is(new[] { true, true, false }, 2 >= a);
        Is(new[] { true, false, false }, a < 2);
        Is(new[] { false, false, true }, 2 < a);
        Is(new[] { true, true, false }, a <= 2);
        Is(new[] { false, true, true }, 2 <= a);
        Is(new[] { false, false, true }, a.gt(2.5));
        Is(new[] { true, true, false }, a.le(2.5));
        Is(new[] { true, true, true }, a.ge(1));
        Is(new[] { false, false, false }, a.lt(1));
        Is(new[] { true, false, true }, a.ne(2));

        // in place: the tensor keeps its dtype and holds 0/1
        var c = a.clone();
        Assert.Same(c, c.gt_(1.5));
        Values.Close(new double[] { 0, 1, 1 }, c);
        var d = a.clone();
        Assert.Same(d, d.eq_(b));
        Values.Close(new double[] { 0, 1, 0 }, d);

        // logical ops on Bool tensors
        var p = tensor(new[] { true, true, false, false });
        var q = tensor(new[] { true, false, true, false });
        Is(new[] { true, false, false, false }, p & q);
        Is(new[] { true, true, true, false }, p | q);
        Is(new[] { false, true, true, false }, p ^ q);
        Is(new[] { false, false, true, true }, ~p);
        Is(new[] { false, false, true, true }, p.logical_not());

        // NaN / infinity checks
        var special = tensor(new[] { 1.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity });
        Is(new[] { false, true, false, false }, special.isnan());
        Is(new[] { false, true, false, false }, isnan(special));
        Is(new[] { false, false, true, true }, special.isinf());
        Is(new[] { true, false, false, false }, special.isfinite());
    }

    [Fact]
    public void WholeTensorEqualityAndAllclose()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 1, 2, 3 });
        Assert.True(a.Equals(tensor(new double[] { 1, 2, 3 })));
        Assert.False(a.Equals(tensor(new double[] { 1, 2, 3.0000001 })));
        Assert.True(a.allclose(tensor(new double[] { 1, 2, 3.0000001 })));
        Assert.False(a.allclose(tensor(new double[] { 1, 2, 3.1 })));
        Assert.True(a.allclose(tensor(new double[] { 1, 2, 3.1 }), atol: 0.2));
        Assert.False(a.Equals(tensor(new double[] { 1, 2 })));
    }

    [Fact]
    public void Reductions()
    {
        using var scope = NewDisposeScope();
        // [[1, 5, 3], [4, 2, 6]]
        var t = tensor(new double[] { 1, 5, 3, 4, 2, 6 }, new long[] { 2, 3 });
        Values.Close(21, t.sum().item<double>());
        Values.Close(21, sum(t).item<double>());
        Values.Close(new double[] { 5, 7, 9 }, t.sum(0L));
        Values.Close(new double[] { 5, 7, 9 }, t.sum(dim: 0));
        Values.Close(new double[] { 9, 12 }, t.sum(1));
        Values.Close(new double[] { 9, 12 }, sum(t, 1L));
        Assert.Equal(new long[] { 2, 1 }, t.sum(1, keepdim: true).shape);
        Values.Close(21, t.sum(new long[] { 0, 1 }).item<double>());
        Values.Close(21, t.sum(0, 1).item<double>());
        Values.Close(3.5, t.mean().item<double>());
        Values.Close(3.5, mean(t).item<double>());
        Values.Close(new double[] { 2.5, 3.5, 4.5 }, t.mean(new long[] { 0 }));
        Values.Close(new double[] { 3, 4 }, mean(t, new long[] { 1 }));
        Assert.Equal(new long[] { 1, 3 }, t.mean(new long[] { 0 }, keepdim: true).shape);
        Values.Close(720, t.prod().item<double>());
        Values.Close(new double[] { 15, 48 }, t.prod(1));
        Values.Close(new double[] { 4, 10, 18 }, t.prod(0L));
        Values.Close(6, t.max().item<double>());
        Values.Close(1, t.min().item<double>());
        Values.Close(6, max(t).item<double>());
        Values.Close(1, min(t).item<double>());

        var (maxValues, maxIndexes) = t.max(1);
        Values.Close(new double[] { 5, 6 }, maxValues);
        Assert.Equal(ScalarType.Int64, maxIndexes.dtype);
        Assert.Equal(new long[] { 1, 2 }, Values.LongsOf(maxIndexes));
        var (minValues, minIndexes) = min(t, 0);
        Values.Close(new double[] { 1, 2, 3 }, minValues);
        Assert.Equal(new long[] { 0, 1, 0 }, Values.LongsOf(minIndexes));
        var (kept, _) = t.max(0, keepdim: true);
        Assert.Equal(new long[] { 1, 3 }, kept.shape);

        Assert.Equal(ScalarType.Int64, t.argmax().dtype);
        Assert.Equal(5L, t.argmax().item<long>());
        Assert.Equal(0L, t.argmin().item<long>());
        Assert.Equal(5L, argmax(t).item<long>());
        Assert.Equal(new long[] { 1, 2 }, Values.LongsOf(t.argmax(1)));
        Assert.Equal(new long[] { 1, 2 }, Values.LongsOf(argmax(t, 1)));
        Assert.Equal(new long[] { 0, 1, 0 }, Values.LongsOf(t.argmin(0)));
        Assert.Equal(new long[] { 2, 1 }, t.argmax(1, keepdim: true).shape);

        // mean 3.5, squared deviations 6.25+2.25+0.25+0.25+2.25+6.25 = 17.5
        Values.Close(17.5 / 5, t.var().item<double>());
        Values.Close(17.5 / 6, t.var(unbiased: false).item<double>());
        Values.Close(Math.Sqrt(17.5 / 5), t.std().item<double>());
        Values.Close(new double[] { 1, 6, 9, 13, 15, 21 }, t.flatten().cumsum(0));
        Values.Close(new double[] { 1, 5, 3, 5, 7, 9 }, t.cumsum(0));
        Values.Close(new double[] { Math.Log(Math.Exp(1) + Math.Exp(5) + Math.Exp(3)), Math.Log(Math.Exp(4) + Math.Exp(2) + Math.Exp(6)) },
            t.logsumexp(1), 1e-12);

        // sums of Bool tensors count in Int64
        var count = (t > 2).sum();
        Assert.Equal(ScalarType.Int64, count.dtype);
        Assert.Equal(4L, count.item<long>());
        var typed = t.sum(ScalarType.Float32);
        Assert.Equal(ScalarType.Float32, typed.dtype);
    }

    [Fact]
    public void SortingAndTopK()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new double[] { 3, 1, 4, 1.5, 9, 2 });
        var (values, indexes) = t.topk(3);
        Values.Close(new double[] { 9, 4, 3 }, values);
        Assert.Equal(new long[] { 4, 2, 0 }, Values.LongsOf(indexes));
        var (smallest, smallestIndexes) = t.topk(2, largest: false);
        Values.Close(new double[] { 1, 1.5 }, smallest);
        Assert.Equal(new long[] { 1, 3 }, Values.LongsOf(smallestIndexes));
        var (sorted, order) = t.sort();
        Values.Close(new double[] { 1, 1.5, 2, 3, 4, 9 }, sorted);
        Assert.Equal(new long[] { 1, 3, 5, 0, 2, 4 }, Values.LongsOf(order));
        var (descending, _) = t.sort(descending: true);
        Values.Close(new double[] { 9, 4, 3, 2, 1.5, 1 }, descending);
        Assert.Equal(new long[] { 1, 3, 5, 0, 2, 4 }, Values.LongsOf(t.argsort()));
        Assert.Equal(new long[] { 4, 2, 0, 5, 3, 1 }, Values.LongsOf(t.argsort(descending: true)));
        // along the last dimension of a matrix
        var m = tensor(new double[] { 3, 1, 2, 0, 5, 4 }, new long[] { 2, 3 });
        var (rowSorted, rowOrder) = m.sort(1);
        Values.Close(new double[] { 1, 2, 3, 0, 4, 5 }, rowSorted);
        Assert.Equal(new long[] { 1, 2, 0, 0, 2, 1 }, Values.LongsOf(rowOrder));
    }

    [Fact]
    public void SoftmaxAndLogSoftmax()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2, 3, -1, 0, 4 }, new long[] { 2, 3 });
        double[] Softmax(double[] row)
        {
            var m = row.Max();
            var e = row.Select(v => Math.Exp(v - m)).ToArray();
            return e.Select(v => v / e.Sum()).ToArray();
        }
        var rows = Softmax(new double[] { 1, 2, 3 }).Concat(Softmax(new double[] { -1, 0, 4 })).ToArray();
        Values.Close(rows, x.softmax(1), 1e-12);
        Values.Close(rows, x.softmax(-1), 1e-12);
        Values.Close(rows, softmax(x, 1), 1e-12);
        Values.Close(rows, F.softmax(x, 1), 1e-12);
        Values.Close(rows.Select(v => Math.Log(v)).ToArray(), x.log_softmax(1), 1e-12);
        Values.Close(rows.Select(v => Math.Log(v)).ToArray(), F.log_softmax(x, 1), 1e-12);
        Values.Close(rows.Select(v => Math.Log(v)).ToArray(), log_softmax(x, 1), 1e-12);
        var columns = x.softmax(0);
        Values.Close(new double[] { 1, 1, 1 }, columns.sum(0L), 1e-12);
        Values.Close(MathRef.Sigmoid(2), columns[0, 0].item<double>(), 1e-12);
        // the dtype argument computes in another type
        var asFloat = x.softmax(1, ScalarType.Float32);
        Assert.Equal(ScalarType.Float32, asFloat.dtype);
        Values.Close(rows, asFloat, 1e-6);
    }
    [Fact]
    public void CopiesViewsAndDetach()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new double[] { 1, 2, 3 });
        var clone = t.clone();
        var alias = t.alias();
        var detached = t.detach();
        t[0] = tensor(10.0);
        Assert.Equal(1.0, clone[0].item<double>()); // own storage
        Assert.Equal(10.0, alias[0].item<double>()); // same tensor
        Assert.Equal(10.0, detached[0].item<double>()); // same storage, no graph

        // copy_ converts dtype and broadcasts
        var target = zeros(2, 3, dtype: ScalarType.Float32);
        Assert.Same(target, target.copy_(tensor(new long[] { 4, 5, 6 })));
        Assert.Equal(new float[] { 4, 5, 6, 4, 5, 6 }, target.data<float>().ToArray());

        var leaf = ones(2, requires_grad: true);
        var y = leaf * 3;
        Assert.True(y.requires_grad);
        var cut = y.detach();
        Assert.False(cut.requires_grad);
        Assert.True(cut.is_leaf);
        Assert.Same(y, y.detach_());
        Assert.False(y.requires_grad);

        // scalars back out
        Assert.Equal(2.5, tensor(2.5).ToScalar().ToDouble());
        Assert.Equal(7L, tensor(7L).ToScalar().ToInt64());
        Assert.Equal(3, tensor(3).ToScalar().ToInt32());
    }

    [Fact]
    public void StaticFormsForwardToTheMethods()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.5, 1.5, 2.5, 3.5 }, new long[] { 2, 2 });
        (Func<Tensor, Tensor> f, Func<Tensor, Tensor> g)[] pairs =
        {
            (abs, t => t.abs()), (exp, t => t.exp()), (log, t => t.log()), (log1p, t => t.log1p()), (expm1, t => t.expm1()),
            (erf, t => t.erf()), (sqrt, t => t.sqrt()), (tanh, t => t.tanh()), (sigmoid, t => t.sigmoid()), (square, t => t.square()),
            (t => pow(t, 3), t => t.pow(3)), (t => pow(t, t), t => t.pow(t)), (t => softmax(t, 1), t => t.softmax(1)),
            (t => log_softmax(t, 0), t => t.log_softmax(0)), (t => logsumexp(t, 1), t => t.logsumexp(1)),
            (t => sum(t, new long[] { 0, 1 }), t => t.sum()), (t => mean(t), t => t.mean()), (t => max(t), t => t.max()),
            (t => min(t), t => t.min()), (t => max(t, 1).values, t => t.max(1).values), (t => min(t, 0).indexes, t => t.min(0).indexes),
            (t => maximum(t, 2 - t), t => t.maximum(2 - t)), (t => minimum(t, 2 - t), t => t.minimum(2 - t)),
            (t => matmul(t, t), t => t.matmul(t)), (t => clamp(t, 1, 3), t => t.clamp(1, 3)),
            (t => clamp(t, min: t * 0 + 1), t => t.clamp(min: t * 0 + 1)), (t => where(t > 1, t, -t), t => t.where(t > 1, -t)),
            (t => eq(t, t.round()), t => t.eq(t.round())), (t => gt(t, 1), t => t.gt(1)), (t => lt(t, 2), t => t.lt(2)),
            (t => flatten(t), t => t.flatten()), (t => reshape(t, 4), t => t.reshape(4)), (t => unsqueeze(t, 0), t => t.unsqueeze(0)),
            (t => squeeze(t.unsqueeze(0), 0), t => t), (t => argmax(t, 0), t => t.argmax(0)), (t => isfinite(t), t => t.isfinite()),
            (t => isnan(t), t => t.isnan()), (t => zeros_like(t), t => t.zeros_like()), (t => ones_like(t), t => t.ones_like()),
        };
        foreach (var (f, g) in pairs)
        {
            var expected = g(x);
            var actual = f(x);
            Assert.Equal(expected.dtype, actual.dtype);
            Assert.Equal(expected.shape, actual.shape);
            Assert.Equal(Values.Of(expected), Values.Of(actual));
        }
    }

    [Fact]
    public void InPlaceFunctionalActivations()
    {
        using var scope = NewDisposeScope();
        (Func<Tensor, Tensor> inplace, Func<Tensor, Tensor> reference)[] cases =
        {
            (t => F.relu(t, true), t => t.relu()), (t => F.selu(t, true), t => t.selu()), (t => F.silu(t, true), t => t.silu()),
            (t => F.SiLU(t, true), t => t.silu()), (t => F.elu(t, 0.3, true), t => t.elu(0.3)),
            (t => F.leaky_relu(t, 0.2, true), t => t.leaky_relu(0.2)), (t => F.gelu(t, true), t => t.gelu()),
            (t => F.gelu(t, TorchSharp.Modules.GELU.Approximate.tanh, true), t => t.gelu(TorchSharp.Modules.GELU.Approximate.tanh)),
            (t => F.sigmoid(t, true), t => t.sigmoid()), (t => F.tanh(t, true), t => t.tanh()), (t => F.mish(t, true), t => F.Mish(t)),
            (t => F.dropout(t, 0.5, false, true), t => t.clone()), (t => t.gelu_(), t => t.gelu()), (t => t.selu_(), t => t.selu()),
        };
        foreach (var (inplace, reference) in cases)
        {
            var x = tensor(Mixed);
            var expected = Values.Of(reference(x));
            var result = inplace(x);
            Assert.Same(x, result);
            Values.Close(expected, x, 1e-12);
        }
    }
}
