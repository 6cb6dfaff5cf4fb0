using TorchSharp;
using static TorchSharp.torch;

namespace TorchBinding.Tests;

// Factories (shape, dtype and values), dtype conversion, reading values back (item/data and their type checks)
// and Device parsing.
public class FactoryTests
{
    [Fact]
    public void FromArrays()
    {
        using var scope = NewDisposeScope();
        var f = tensor(new float[] { 1.5f, -2 });
        Assert.Equal(ScalarType.Float32, f.dtype);
        Assert.Equal(new long[] { 2 }, f.shape);
        Assert.Equal(new[] { 1.5f, -2f }, f.data<float>().ToArray());
        Assert.Equal(ScalarType.Float64, tensor(new double[] { 1 }).dtype);
        Assert.Equal(ScalarType.Int64, tensor(new long[] { 1 }).dtype);
        Assert.Equal(ScalarType.Int32, tensor(new int[] { 1 }).dtype);
        Assert.Equal(ScalarType.Int16, tensor(new short[] { 1 }).dtype);
        Assert.Equal(ScalarType.Byte, tensor(new byte[] { 1 }).dtype);
        Assert.Equal(ScalarType.Int8, tensor(new sbyte[] { 1 }).dtype);
        Assert.Equal(ScalarType.Bool, tensor(new[] { true }).dtype);
        Assert.Equal(new byte[] { 0, 255 }, tensor(new byte[] { 0, 255 }).data<byte>().ToArray());
        Assert.Equal(new[] { -7, 9 }, tensor(new[] { -7, 9 }).data<int>().ToArray());
        Assert.Equal(new[] { true, false }, tensor(new[] { true, false }).data<bool>().ToArray());

        // with a shape; the array is copied
        var source = new double[] { 1, 2, 3, 4, 5, 6 };
        var shaped = tensor(source, new long[] { 2, 3 });
        source[0] = 100;
        Assert.Equal(new long[] { 2, 3 }, shaped.shape);
        Assert.Equal(1.0, shaped[0, 0].item<double>());
        Assert.Equal(6.0, shaped[1, 2].item<double>());
        // the shape may use fewer elements than the array holds
        Assert.Equal(new double[] { 100, 2, 3, 4 }, Values.Of(tensor(source, new long[] { 2, 2 })));
        // multi-dimensional arrays
        var grid = tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new long[] { 2, 3 }, grid.shape);
        Assert.Equal(6f, grid[1, 2].item<float>());
        Assert.Equal(new long[] { 2, 1, 2 }, tensor(new long[,,] { { { 1, 2 } }, { { 3, 4 } } }).shape);
        Assert.Equal(new long[] { 1, 1, 1, 2 }, tensor(new double[,,,] { { { { 1, 2 } } } }).shape);
        // IList and Memory
        Assert.Equal(new double[] { 1, 2 }, Values.Of(tensor(new List<double> { 1, 2 })));
        Assert.Equal(new long[] { 2, 1 }, tensor(new Memory<float>(new float[] { 1, 2, 3 }), new long[] { 2, 1 }).shape);
        // dtype converts, requires_grad marks
        var converted = tensor(new double[] { 1.7, -1.7 }, dtype: ScalarType.Int32);
        Assert.Equal(ScalarType.Int32, converted.dtype);
        Assert.Equal(new[] { 1, -1 }, converted.data<int>().ToArray());
        var leaf = tensor(new float[] { 1 }, requires_grad: true);
        Assert.True(leaf.requires_grad);
        Assert.True(leaf.is_leaf);
        Assert.False(tensor(new float[] { 1 }).requires_grad);
    }

    [Fact]
    public void EmptyTensors()
    {
        using var scope = NewDisposeScope();
        var e = tensor(Array.Empty<float>());
        Assert.Equal(new long[] { 0 }, e.shape);
        Assert.Empty(e.data<float>().ToArray());
        var shaped = tensor(Array.Empty<double>(), new long[] { 0, 3 });
        Assert.Equal(new long[] { 0, 3 }, shaped.shape);
        Assert.Equal(0.0, shaped.sum().item<double>());
        Assert.Equal(new long[] { 3 }, shaped.sum(0L).shape);
        Assert.Empty(Values.Of(zeros(0, 4)));
        Assert.Equal(new long[] { 0, 4 }, cat(new[] { zeros(0, 4), zeros(0, 4) }).shape);
        Assert.Throws<ArgumentException>(() => zeros(0).item<float>());
    }

    [Fact]
    public void ScalarTensorsAndImplicitConversions()
    {
        using var scope = NewDisposeScope();
        var f = tensor(2.5f);
        Assert.Equal(0L, f.dim());
        Assert.Equal(ScalarType.Float32, f.dtype);
        Assert.Equal(ScalarType.Float64, tensor(2.5).dtype);
        Assert.Equal(ScalarType.Float32, tensor(2.5, ScalarType.Float32).dtype);
        Assert.Equal(ScalarType.Int64, tensor(3L).dtype);
        Assert.Equal(ScalarType.Int32, tensor(3).dtype);
        Assert.Equal(ScalarType.Bool, tensor(true).dtype);
        Tensor fromDouble = 1.25;
        Assert.Equal(1.25, fromDouble.item<double>());
        Tensor fromInt = 4;
        Assert.Equal(4, fromInt.item<int>());
        Tensor fromArray = new long[] { 1, 2, 3 };
        Assert.Equal(new long[] { 3 }, fromArray.shape);
        Tensor fromScalar = (Scalar)2.0;
        Assert.Equal(ScalarType.Float32, fromScalar.dtype);
        Assert.Equal(0L, fromScalar.dim());
    }

    [Fact]
    public void SizedFactories()
    {
        using var scope = NewDisposeScope();
        var z = zeros(2, 3);
        Assert.Equal(new long[] { 2, 3 }, z.shape);
        Assert.Equal(ScalarType.Float32, z.dtype);
        Assert.All(Values.Of(z), v => Assert.Equal(0.0, v));
        var o = ones(new long[] { 4 }, dtype: ScalarType.Int32);
        Assert.Equal(ScalarType.Int32, o.dtype);
        Assert.Equal(new[] { 1, 1, 1, 1 }, o.data<int>().ToArray());
        Assert.Equal(new long[] { 1, 2, 3, 4 }, ones(1, 2, 3, 4).shape);
        Assert.Equal(new long[] { 2, 3, 4 }, zeros(2L, 3L, 4L).shape);
        Assert.Equal(new long[] { 5 }, empty(5).shape);
        Assert.Equal(ScalarType.Float64, empty(new long[] { 2, 2 }, ScalarType.Float64).dtype);
        Assert.Equal(0L, zeros(Array.Empty<long>()).dim());
        Assert.Equal(0L, zeros(0).numel());

        // requires_grad: true makes a leaf that requires grad, whichever factory made it
        var leaves = new[]
        {
            zeros(3, requires_grad: true), ones(2, 2, requires_grad: true), empty(3, requires_grad: true),
            rand(3, requires_grad: true), randn(3, requires_grad: true), full(3, 1.5, requires_grad: true),
            arange(0.0, 3.0, requires_grad: true), linspace(0, 1, 3, requires_grad: true), eye(2, requires_grad: true),
            tensor(new double[] { 1 }, requires_grad: true), tensor(2.0, requires_grad: true),
            zeros_like(z, requires_grad: true), ones_like(z, requires_grad: true), empty_like(z, requires_grad: true),
            rand_like(z, requires_grad: true), randn_like(z, requires_grad: true), full_like(z, 2, requires_grad: true),
        };
        Assert.All(leaves, t => Assert.True(t.requires_grad && t.is_leaf));
        Assert.False(zeros(3).requires_grad);

        var full7 = full(2, 2, 7);
        Assert.Equal(ScalarType.Int64, full7.dtype);
        Assert.Equal(new long[] { 7, 7, 7, 7 }, Values.LongsOf(full7));
        var fullHalf = full(new long[] { 3 }, 0.5);
        Assert.Equal(ScalarType.Float32, fullHalf.dtype);
        Assert.Equal(new[] { 0.5f, 0.5f, 0.5f }, fullHalf.data<float>().ToArray());
        Assert.Equal(ScalarType.Float64, full(3, 1, ScalarType.Float64).dtype);
        Assert.Equal(new long[] { 1, 2, 3 }, full(1, 2, 3, 1.0).shape);

        var like = tensor(new double[] { 1, 2, 3 }, new long[] { 3, 1 });
        var zl = zeros_like(like);
        Assert.Equal(new long[] { 3, 1 }, zl.shape);
        Assert.Equal(ScalarType.Float64, zl.dtype);
        Assert.Equal(new double[] { 1, 1, 1 }, Values.Of(ones_like(like)));
        Assert.Equal(ScalarType.Int32, like.ones_like(ScalarType.Int32).dtype);
        Assert.Equal(new long[] { 3, 1 }, empty_like(like).shape);
        Assert.Equal(new double[] { 9, 9, 9 }, Values.Of(full_like(like, 9)));
        Assert.Equal(ScalarType.Float64, full_like(like, 9).dtype);
        var rl = rand_like(like);
        Assert.Equal(new long[] { 3, 1 }, rl.shape);
        Assert.Equal(ScalarType.Float64, rl.dtype);
        Assert.Equal(new long[] { 3, 1 }, randn_like(like).shape);
    }

    [Fact]
    public void RandomFactories()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(42);
        var u = rand(1000, generator: generator);
        Assert.Equal(ScalarType.Float32, u.dtype);
        var values = Values.Of(u);
        Assert.All(values, v => Assert.InRange(v, 0.0, 1.0));
        Assert.InRange(values.Average(), 0.45, 0.55);
        var n = randn(new long[] { 100, 100 }, ScalarType.Float64, generator: generator);
        Assert.Equal(new long[] { 100, 100 }, n.shape);
        Assert.Equal(ScalarType.Float64, n.dtype);
        Assert.InRange(n.mean().item<double>(), -0.05, 0.05);
        Assert.InRange(n.std().item<double>(), 0.95, 1.05);

        var r = randint(3, 7, new long[] { 500 }, generator: generator);
        Assert.Equal(ScalarType.Int64, r.dtype);
        var ints = Values.LongsOf(r);
        Assert.All(ints, v => Assert.InRange(v, 3L, 6L));
        Assert.Equal(new long[] { 3, 4, 5, 6 }, ints.Distinct().OrderBy(v => v).ToArray());
        Assert.All(Values.LongsOf(randint(2, new long[] { 50 }, generator: generator)), v => Assert.InRange(v, 0L, 1L));
        Assert.Equal(ScalarType.Int32, randint(5, new[] { 2, 2 }, ScalarType.Int32).dtype);

        var perm = randperm(10, generator: generator);
        Assert.Equal(ScalarType.Int64, perm.dtype);
        Assert.Equal(new long[] { 10 }, perm.shape);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Values.LongsOf(perm).OrderBy(v => v));
        var perm32 = randperm(5, ScalarType.Int32);
        Assert.Equal(ScalarType.Int32, perm32.dtype);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, perm32.data<int>().ToArray().OrderBy(v => v));

        var b = bernoulli(full(new long[] { 1000 }, 0.25, ScalarType.Float64), generator);
        var ones = Values.Of(b);
        Assert.All(ones, v => Assert.True(v is 0 or 1));
        Assert.InRange(ones.Average(), 0.18, 0.32);

        var filled = empty(1000, dtype: ScalarType.Float64);
        Assert.Same(filled, filled.uniform_(-2, -1, generator));
        Assert.All(Values.Of(filled), v => Assert.InRange(v, -2.0, -1.0));
        Assert.Same(filled, filled.normal_(5, 0.1, generator));
        Assert.InRange(filled.mean().item<double>(), 4.98, 5.02);
        Assert.Same(filled, filled.bernoulli_(0.5, generator));
        Assert.All(Values.Of(filled), v => Assert.True(v is 0 or 1));
    }

    [Fact]
    public void RangesAndEye()
    {
        using var scope = NewDisposeScope();
        var a = arange(5);
        Assert.Equal(ScalarType.Int64, a.dtype);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, Values.LongsOf(a));
        Assert.Equal(new long[] { 2, 5, 8 }, Values.LongsOf(arange(2, 10, 3)));
        var af = arange(0.0, 1.0, 0.25);
        Assert.Equal(ScalarType.Float32, af.dtype);
        Assert.Equal(new double[] { 0, 0.25, 0.5, 0.75 }, Values.Of(af));
        Assert.Equal(ScalarType.Float32, arange(3.0).dtype);
        var ad = arange(1, 4, ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, ad.dtype);
        Assert.Equal(new double[] { 1, 2, 3 }, Values.Of(ad));
        Assert.Equal(new long[] { 5, 3, 1 }, Values.LongsOf(arange(5, 0, -2)));

        var l = linspace(0, 1, 5);
        Assert.Equal(ScalarType.Float32, l.dtype);
        Assert.Equal(new double[] { 0, 0.25, 0.5, 0.75, 1 }, Values.Of(l));
        var ld = linspace(-1, 1, 3, ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, ld.dtype);
        Assert.Equal(new double[] { -1, 0, 1 }, Values.Of(ld));

        var e = eye(3);
        Assert.Equal(ScalarType.Float32, e.dtype);
        Assert.Equal(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, Values.Of(e));
        var rect = eye(2, 3, ScalarType.Int64);
        Assert.Equal(new long[] { 2, 3 }, rect.shape);
        Assert.Equal(new long[] { 1, 0, 0, 0, 1, 0 }, Values.LongsOf(rect));
    }

    [Fact]
    public void ConversionBetweenDtypes()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new double[] { 2.7, -2.7, 0.5 });
        var asLong = t.to(ScalarType.Int64);
        Assert.Equal(ScalarType.Int64, asLong.dtype);
        Assert.Equal(new long[] { 2, -2, 0 }, asLong.data<long>().ToArray());
        Assert.Equal(ScalarType.Int64, t.@long().dtype);
        Assert.Equal(ScalarType.Int32, t.@int().dtype);
        Assert.Equal(new[] { 2, -2, 0 }, t.@int().data<int>().ToArray());
        Assert.Equal(ScalarType.Float32, t.@float().dtype);
        Assert.Equal(new[] { 2.7f, -2.7f, 0.5f }, t.@float().data<float>().ToArray());
        Assert.Equal(ScalarType.Float64, t.@float().@double().dtype);
        Assert.Equal(ScalarType.Bool, t.@bool().dtype);
        Assert.Equal(new[] { true, true, true }, t.@bool().data<bool>().ToArray());
        Assert.Equal(ScalarType.Byte, tensor(new double[] { 3 }).@byte().dtype);
        Assert.Equal(ScalarType.Float16, t.half().dtype);
        Assert.Equal(ScalarType.BFloat16, t.bfloat16().dtype);
        Assert.Equal(ScalarType.Float32, t.to_type(ScalarType.Float32).dtype);
        Assert.Equal(ScalarType.Int32, t.type_as(tensor(new[] { 1 })).dtype);
        Assert.Equal(ScalarType.Int16, t.to(tensor(new short[] { 1 })).dtype);
        Assert.Equal(new double[] { 2.69921875, -2.69921875, 0.5 }, Values.Of(t.half()), new ToleranceComparer(1e-3));
        Assert.Equal(ScalarType.Float32, t.to(ScalarType.Float32, CPU).dtype);

        // to() with the same dtype and copy: false may share storage; with copy: true it never does
        var same = t.to(ScalarType.Float64);
        var copy = t.to(ScalarType.Float64, copy: true);
        t[0] = tensor(100.0);
        Assert.Equal(100.0, same[0].item<double>());
        Assert.Equal(2.7, copy[0].item<double>());

        // disposeAfter releases the source
        var source = tensor(new float[] { 1 });
        var moved = source.to(ScalarType.Float64, disposeAfter: true);
        Assert.True(source.IsInvalid);
        Assert.Equal(1.0, moved.item<double>());

        // cpu() and to(Device) on a CPU tensor
        Assert.Equal(DeviceType.CPU, t.cpu().device_type);
        Assert.Equal(DeviceType.CPU, t.to(CPU).device_type);
        Assert.Equal(DeviceType.CPU, t.to("cpu").device_type);
        Assert.Equal(DeviceType.CPU, t.to(DeviceType.CPU).device_type);
        Assert.True(t.is_cpu());
        Assert.False(t.is_cuda);
        Assert.True(t.is_floating_point());
        Assert.False(asLong.is_floating_point());
        Assert.Equal(8L, t.element_size());
        Assert.Equal(4L, t.@float().element_size());
    }

    [Fact]
    public void ItemAndDataDemandTheExactElementType()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(1.5f, tensor(1.5f).item<float>());
        Assert.Equal(1.5, tensor(1.5).item<double>());
        Assert.Equal(7L, tensor(7L).item<long>());
        Assert.Equal(7, tensor(7).item<int>());
        Assert.Equal((short)7, tensor(new short[] { 7 }).item<short>());
        Assert.Equal((byte)200, tensor((byte)200).item<byte>());
        Assert.Equal((sbyte)-5, tensor((sbyte)-5).item<sbyte>());
        Assert.True(tensor(true).item<bool>());
        Assert.Equal((Half)1.5, tensor(1.5).half().item<Half>());
        Assert.Throws<ArgumentException>(() => tensor(1.5).bfloat16().item<Half>());
        Assert.Equal(1L, tensor(new double[] { 1, 9, 3 }).argmax().item<long>());
        // one element in any shape
        Assert.Equal(4.0, tensor(new double[] { 4 }, new long[] { 1, 1 }).item<double>());

        var e1 = Assert.Throws<ArgumentException>(() => tensor(1.5f).item<double>());
        Assert.Contains("Float32", e1.Message);
        Assert.Throws<ArgumentException>(() => tensor(1.5).item<float>());
        Assert.Throws<ArgumentException>(() => tensor(7L).item<int>());
        Assert.Throws<ArgumentException>(() => tensor(7).item<long>());
        Assert.Throws<ArgumentException>(() => tensor(true).item<byte>());
        Assert.Throws<ArgumentException>(() => tensor(new double[] { 1, 9, 3 }).argmax().item<int>());
        Assert.Throws<ArgumentException>(() => tensor(new double[] { 1, 2 }).item<double>());

        var m = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, m.data<float>().ToArray());
        Assert.Throws<ArgumentException>(() => m.data<double>());
        Assert.Throws<ArgumentException>(() => m.data<int>());
        Assert.Throws<ArgumentException>(() => tensor(new long[] { 1 }).data<double>());
        // a non-contiguous tensor reads in logical order
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, m.t().data<float>().ToArray());
        var accessor = m.data<float>();
        Assert.Equal(6L, accessor.Count);
        Assert.Equal(6f, accessor[1, 2]);
        Assert.Equal(4f, accessor[3]);
        Assert.Equal(21f, accessor.Sum());
        // writing through the accessor of a contiguous tensor changes it
        accessor[0, 1] = 20;
        Assert.Equal(20f, m[0, 1].item<float>());

        // the conversions accept any dtype
        Assert.Equal(1.5, tensor(1.5f).ToDouble());
        Assert.Equal(2f, tensor(2L).ToSingle());
        Assert.Equal(2, tensor(2.9).ToInt32());
        Assert.Equal(-2L, tensor(-2.9f).ToInt64());
        Assert.True(tensor(1).ToBoolean());
        Assert.Equal(2.5f, (float)tensor(2.5));
        Assert.Equal(3.0, (double)tensor(3));
        Assert.Equal(3L, (long)tensor(3.0f));
        Assert.Equal(3, (int)tensor(3L));
        Assert.Throws<ArgumentException>(() => tensor(new double[] { 1, 2 }).ToDouble());
    }

    [Fact]
    public void TensorMetadataToString()
    {
        using var scope = NewDisposeScope();
        Assert.Equal("[64x10], type = Float32, device = cpu", zeros(64, 10).ToString());
        Assert.Equal("[], type = Int64, device = cpu", tensor(1L).ToString());
        var text = tensor(new double[] { 1.5, -2 }).str();
        Assert.Contains("1.5", text);
        Assert.Contains("-2", text);
    }

    [Fact]
    public void DeviceParsing()
    {
        var cpu = new Device("cpu");
        Assert.Equal(DeviceType.CPU, cpu.type);
        Assert.Equal(-1, cpu.index);
        Assert.Equal("cpu", cpu.ToString());
        var cuda1 = new Device("cuda:1");
        Assert.Equal(DeviceType.CUDA, cuda1.type);
        Assert.Equal(1, cuda1.index);
        Assert.Equal("cuda:1", cuda1.ToString());
        Assert.Equal(DeviceType.CUDA, new Device("CUDA").type);
        Assert.Equal(-1, new Device("cuda").index);
        Assert.Equal("cuda", new Device("cuda").ToString());
        Assert.Equal(DeviceType.MPS, new Device("mps").type);
        Device implicitDevice = "cuda:0";
        Assert.Equal(0, implicitDevice.index);
        Assert.Equal("cuda:0", implicitDevice.ToString());

        Assert.Equal(DeviceType.CUDA, device("cuda:2").type);
        Assert.Equal(2, device("cuda:2").index);
        Assert.Equal(3, device("cuda", 3).index);
        Assert.Equal(DeviceType.CPU, device(DeviceType.CPU).type);
        Assert.Equal(DeviceType.CUDA, device(1).type);
        Assert.Equal(1, device(1).index);
        Assert.Equal(1, new Device(1).index);
        Assert.Equal(DeviceType.CPU, CPU.type);
        Assert.Equal(DeviceType.CUDA, CUDA.type);

        Assert.Throws<ArgumentException>(() => new Device("gpu"));
        Assert.Throws<ArgumentException>(() => new Device("cuda:x"));
        Assert.Throws<ArgumentException>(() => new Device("cuda:0:1"));
        Assert.Throws<ArgumentException>(() => new Device(""));

        using var t = zeros(1);
        Assert.Equal(DeviceType.CPU, t.device.type);
        Assert.Equal("cpu", t.device.ToString());
        Assert.Equal(DeviceType.CPU, t.device_type);
    }

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        private readonly double tolerance;

        public ToleranceComparer(double tolerance) => this.tolerance = tolerance;

        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
