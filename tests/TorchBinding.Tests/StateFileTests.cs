using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TorchBinding.Tests;

// Module.save / Module.load in TorchSharp's own weights format.
public sealed class StateFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("torchbinding-tests-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string PathOf(string name) => Path.Combine(directory, name);

    private sealed class ConvNet : Module<Tensor, Tensor>
    {
        private readonly Conv2d conv = Conv2d(1, 3, 3);
        private readonly Linear fc = Linear(3 * 4 * 4, 5);

        public ConvNet() : base(nameof(ConvNet)) => RegisterComponents();

        public override Tensor forward(Tensor input) => fc.call(conv.call(input).relu().flatten(1));
    }

    // A tiny state dict with known contents: a Float32 [2,2] parameter, a Float64 [130] parameter (a dimension that
    // needs two LEB128 bytes) and an Int64 [3] buffer.
    private sealed class Tiny : Module<Tensor, Tensor>
    {
        private readonly Parameter w = Parameter(tensor(new float[] { 1, -2, 0.5f, 3 }, new long[] { 2, 2 }));
        private readonly Parameter long_vector = Parameter(arange(130, dtype: ScalarType.Float64));
        private readonly Tensor counts = tensor(new long[] { 7, -1, 300 });

        public Tiny() : base(nameof(Tiny)) => RegisterComponents();

        public override Tensor forward(Tensor input) => input;
    }

    [Fact]
    public void SaveThenLoadRestoresEveryWeight()
    {
        using var scope = NewDisposeScope();
        var file = PathOf("convnet.dat");
        using var original = new ConvNet();
        using var x = randn(2, 1, 6, 6);
        var expected = Values.Of(original.call(x));
        Assert.Same(original, original.save(file));
        Assert.True(File.Exists(file));
        Assert.False(File.Exists(file + ".tmp"));

        using var restored = new ConvNet();
        Assert.NotEqual(expected, Values.Of(restored.call(x)));
        Assert.Same(restored, restored.load(file));
        var before = original.state_dict();
        var after = restored.state_dict();
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(new[] { "conv.weight", "conv.bias", "fc.weight", "fc.bias" }, after.Keys);
        foreach (var key in before.Keys)
        {
            Assert.Equal(before[key].shape, after[key].shape);
            Assert.Equal(Values.Of(before[key]), Values.Of(after[key]));
        }
        Assert.Equal(expected, Values.Of(restored.call(x)));
        // loading copies values into the existing parameters, which stay trainable leaves
        Assert.All(restored.parameters(), p => Assert.True(p.requires_grad && p.is_leaf));

        // loadedParameters reports what was read
        var loaded = new Dictionary<string, bool>();
        using var third = new ConvNet();
        third.load(file, loadedParameters: loaded);
        Assert.Equal(new[] { "conv.bias", "conv.weight", "fc.bias", "fc.weight" }, loaded.Keys.OrderBy(k => k, StringComparer.Ordinal));

        // through a stream as well
        using var stream = new MemoryStream();
        original.save(stream);
        stream.Position = 0;
        using var fromStream = new ConvNet();
        fromStream.load(stream);
        Assert.Equal(expected, Values.Of(fromStream.call(x)));
    }

    [Fact]
    public void TheFileLayoutIsTorchSharps()
    {
        using var module = new Tiny();
        var file = PathOf("tiny.dat");
        module.save(file);
        var bytes = File.ReadAllBytes(file);

        var expected = new List<byte>();
        void Leb128(long value)
        {
            do
            {
                var low = (byte)(value & 0x7f);
                value >>= 7;
                expected.Add(value == 0 ? low : (byte)(low | 0x80));
            } while (value != 0);
        }
        void Key(string key)
        {
            // BinaryWriter.Write(string): a 7-bit-encoded byte length, then UTF-8
            var utf8 = Encoding.UTF8.GetBytes(key);
            Assert.True(utf8.Length < 128);
            expected.Add((byte)utf8.Length);
            expected.AddRange(utf8);
        }

        Leb128(3);
        Key("w");
        Leb128(6); // Float32
        Leb128(2);
        Leb128(2);
        Leb128(2);
        foreach (var f in new float[] { 1, -2, 0.5f, 3 }) expected.AddRange(BitConverter.GetBytes(f));
        Key("long_vector");
        Leb128(7); // Float64
        Leb128(1);
        Leb128(130);
        for (var i = 0; i < 130; i++) expected.AddRange(BitConverter.GetBytes((double)i));
        Key("counts");
        Leb128(4); // Int64
        Leb128(1);
        Leb128(3);
        foreach (var l in new long[] { 7, -1, 300 }) expected.AddRange(BitConverter.GetBytes(l));

        Assert.True(BitConverter.IsLittleEndian);
        Assert.Equal(expected.Count, bytes.Length);
        Assert.Equal(expected.ToArray(), bytes);
        // spot checks of the encoding itself
        Assert.Equal(new byte[] { 0x03, 0x01, (byte)'w', 0x06, 0x02, 0x02, 0x02 }, bytes[..7]);
        var lengthAt = Array.IndexOf(bytes, (byte)'r') + 1; // "long_vector" ends in 'r', then dtype, rank, dims
        Assert.Equal(new byte[] { 0x07, 0x01, 0x82, 0x01 }, bytes[lengthAt..(lengthAt + 4)]);
    }

    [Fact]
    public void LoadsAFileWrittenByHand()
    {
        // the reverse direction: bytes laid out by the format description load into the module
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)3);
            writer.Write("counts");
            writer.Write(new byte[] { 4, 1, 3 });
            foreach (var l in new long[] { 1, 2, 3 }) writer.Write(l);
            writer.Write("w");
            writer.Write(new byte[] { 6, 2, 2, 2 });
            foreach (var f in new float[] { 9, 8, 7, 6 }) writer.Write(f);
            writer.Write("long_vector");
            writer.Write(new byte[] { 7, 1, 0x82, 0x01 });
            for (var i = 0; i < 130; i++) writer.Write(-0.5 * i);
        }
        var file = PathOf("by-hand.dat");
        File.WriteAllBytes(file, stream.ToArray());
        using var module = new Tiny();
        module.load(file);
        var state = module.state_dict();
        Assert.Equal(new float[] { 9, 8, 7, 6 }, state["w"].data<float>().ToArray());
        Assert.Equal(Enumerable.Range(0, 130).Select(i => -0.5 * i), state["long_vector"].data<double>().ToArray());
        Assert.Equal(new long[] { 1, 2, 3 }, state["counts"].data<long>().ToArray());
    }

    [Fact]
    public void ATruncatedFileRaisesAnExceptionNamingIt()
    {
        using var module = new ConvNet();
        var file = PathOf("truncated.dat");
        module.save(file);
        var bytes = File.ReadAllBytes(file);
        foreach (var length in new[] { 0, 1, 5, bytes.Length / 2, bytes.Length - 1 })
        {
            File.WriteAllBytes(file, bytes[..length]);
            using var target = new ConvNet();
            var e = Assert.ThrowsAny<Exception>(() => target.load(file));
            Assert.Contains(file, e.Message);
        }
    }

    [Fact]
    public void AMismatchedShapeRaisesAnExceptionNamingTheFileAndTheEntry()
    {
        using var saved = new ConvNet();
        var file = PathOf("convnet.dat");
        saved.save(file);

        using var other = Sequential(("conv", Conv2d(1, 4, 3)), ("fc", Linear(48, 5)));
        var e = Assert.ThrowsAny<Exception>(() => other.load(file));
        Assert.Contains(file, e.Message);
        Assert.Contains("conv.weight", e.Message);

        // a dtype mismatch too
        using var asDouble = new ConvNet().to(ScalarType.Float64);
        var d = Assert.ThrowsAny<Exception>(() => asDouble.load(file));
        Assert.Contains(file, d.Message);
        Assert.Contains("Float32", d.Message);

        // and a file whose keys do not match (strict) or match only in part (not strict)
        using var renamed = Sequential(("c", Conv2d(1, 3, 3)), ("fc", Linear(48, 5)));
        var k = Assert.ThrowsAny<Exception>(() => renamed.load(file));
        Assert.Contains(file, k.Message);
        var fcBefore = Values.Of(((Linear)renamed[1]).weight);
        renamed.load(file, strict: false);
        Assert.NotEqual(fcBefore, Values.Of(((Linear)renamed[1]).weight));
        Assert.Equal(Values.Of(saved.state_dict()["fc.weight"]), Values.Of(((Linear)renamed[1]).weight));

        var missing = Assert.Throws<FileNotFoundException>(() => renamed.load(PathOf("absent.dat")));
        Assert.Contains("absent.dat", missing.Message);
    }

    [Fact]
    public void SkipLeavesEntriesOut()
    {
        using var module = new ConvNet();
        var file = PathOf("skip.dat");
        module.save(file, skip: new[] { "fc.bias" });
        using var target = new ConvNet();
        var bias = Values.Of(target.state_dict()["fc.bias"]);
        target.load(file, strict: false, skip: new[] { "fc.bias" });
        Assert.Equal(bias, Values.Of(target.state_dict()["fc.bias"]));
        Assert.Equal(Values.Of(module.state_dict()["fc.weight"]), Values.Of(target.state_dict()["fc.weight"]));
        Assert.ThrowsAny<Exception>(() => new ConvNet().load(file));
    }
}
