using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TorchBinding.Tests;

// Module.load(path) on weights files that are cut short, damaged or not weights files at all. TorchSharp's
// load(path) throws ArgumentException for a file that does not fit the module; the binding's contract is that
// every damaged file ends the same way, with the path in the message, and never as another exception type, a
// native crash, or an allocation sized by a corrupt length field instead of by the file and the module.
public sealed class StateFileCorruptionTests : IDisposable
{
    private const int Seed = 7321;
    private const int RandomCases = 2_000;

    // BinaryReader, FileStream's buffer, messages: everything a load allocates besides the file's own bytes.
    private const long AllocationSlack = 256 * 1024;

    private readonly string directory = Directory.CreateTempSubdirectory("torchbinding-weights-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private sealed class Net : Module<Tensor, Tensor>
    {
        private readonly Conv2d conv = Conv2d(1, 3, 3);
        private readonly Linear fc = Linear(3 * 4 * 4, 5);

        public Net() : base(nameof(Net)) => RegisterComponents();

        public override Tensor forward(Tensor input) => fc.call(conv.call(input).relu().flatten(1));
    }

    [Fact]
    public void EveryTruncationFailsCleanlyNamingTheFile()
    {
        var bytes = SavedWeights();
        using var target = new Net();
        var path = Path.Combine(directory, "cut.weights");
        for (var length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(path, bytes[..length]);
            var e = LoadFails(target, path, bytes.Length);
            Assert.True(e is not null, $"a file cut to {length} of {bytes.Length} bytes loaded");
        }
    }

    [Fact]
    public void RandomDamageLoadsOrFailsCleanlyNamingTheFile()
    {
        var bytes = SavedWeights();
        using var target = new Net();
        var path = Path.Combine(directory, "damaged.weights");
        var failures = new List<string>();
        var rejected = 0;
        for (var i = 0; i < RandomCases; i++)
        {
            var random = new Random(HashCode.Combine(Seed, i));
            var (recipe, damaged) = Damage(random, bytes);
            File.WriteAllBytes(path, damaged);
            try
            {
                if (LoadFails(target, path, damaged.Length) is not null) rejected++;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add($"case {i} ({recipe}): {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {RandomCases} cases failed:\n" + string.Join("\n", failures.Take(20)));
        // Much of the damage is caught; changes inside the float data are not damage the format can see.
        Assert.InRange(rejected, RandomCases / 3, RandomCases);
    }

    [Fact]
    public void FilesThatAreNotWeightsFailNamingTheFile()
    {
        using var target = new Net();
        var cases = new Dictionary<string, byte[]>
        {
            ["empty.weights"] = [],
            ["metrics.csv"] = Encoding.UTF8.GetBytes("activation,seed,epoch,train_loss\nrelu,1,1,0.5\n"),
            ["picture.png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52],
            ["labels-idx1-ubyte"] = [0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3],
            ["zeros.weights"] = new byte[4096],
            ["ones.weights"] = Enumerable.Repeat((byte)0xFF, 4096).ToArray(),
        };
        foreach (var (name, contents) in cases)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllBytes(path, contents);
            Assert.True(LoadFails(target, path, contents.Length) is not null, $"{name} loaded");
        }
    }

    [Theory]
    // A key whose 7-bit-encoded length runs past 32 bits: BinaryReader throws FormatException.
    [InlineData("key length overlong", new byte[] { 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    // A key declaring 2 GiB of characters in a tiny file.
    [InlineData("key length 2 GiB", new byte[] { 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, (byte)'x' })]
    // An entry the module lacks (skipped when not strict) whose dimensions multiply past 64 bits.
    [InlineData("dimensions overflow", new byte[] { 0x01, 0x01, (byte)'z', 0x06, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F })]
    // A dimension with the top bit set decodes as a negative number.
    [InlineData("negative dimension", new byte[] { 0x01, 0x01, (byte)'z', 0x06, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 })]
    // An entry of 2^40 float32 elements in a file of 20 bytes.
    [InlineData("huge skipped entry", new byte[] { 0x01, 0x01, (byte)'z', 0x06, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 1, 2, 3, 4 })]
    [InlineData("LEB128 past 64 bits", new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 })]
    public void CorruptLengthFieldsFailCleanlyWithAndWithoutStrict(string what, byte[] contents)
    {
        var path = Path.Combine(directory, "corrupt.weights");
        File.WriteAllBytes(path, contents);
        using var target = new Net();
        Assert.True(LoadFails(target, path, contents.Length) is not null, $"{what}: loaded");
        Assert.True(LoadFails(target, path, contents.Length, strict: false) is not null, $"{what}: loaded with strict: false");
    }

    [Fact]
    public void AHugeSkippedEntryInANonSeekableStreamIsNotAllocated()
    {
        // load(Stream) cannot seek past an entry it skips; it must not read the declared size into one array.
        byte[] contents = [0x01, 0x01, (byte)'z', 0x06, 0x01, 0x80, 0x80, 0x80, 0x80, 0x08, 1, 2, 3, 4];
        using var target = new Net();
        using var stream = new ForwardOnlyStream(contents);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<EndOfStreamException>(() => target.load(stream, strict: false));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, AllocationSlack);
    }

    // The exception a failed load threw, after checking that it names the file and allocated no more than the
    // file and the module justify; null when the file loaded.
    private static ArgumentException? LoadFails(Net target, string path, long fileLength, bool strict = true)
    {
        var stateBytes = target.state_dict().Values.Sum(t => t.numel() * t.element_size());
        var before = GC.GetAllocatedBytesForCurrentThread();
        ArgumentException? error = null;
        try
        {
            target.load(path, strict);
        }
        catch (ArgumentException e)
        {
            error = e;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= AllocationSlack + 4 * (fileLength + stateBytes),
            $"{path}: allocated {allocated} bytes loading a {fileLength}-byte file into {stateBytes} bytes of state");
        if (error is not null) Assert.Contains(path, error.Message);
        return error;
    }

    private byte[] SavedWeights()
    {
        using var net = new Net();
        var path = Path.Combine(directory, "net.weights");
        net.save(path);
        return File.ReadAllBytes(path);
    }

    private static (string Recipe, byte[] Bytes) Damage(Random random, byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        switch (random.Next(6))
        {
            case 0:
            {
                var flips = random.Next(1, 4);
                for (var f = 0; f < flips; f++) copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                return ($"{flips} bits flipped", copy);
            }
            case 1:
            {
                // The structure (count, keys, dtypes, shapes) sits in the first bytes of each entry; aim there.
                var at = random.Next(Math.Min(copy.Length, 64));
                copy[at] = (byte)random.Next(256);
                return ($"byte {at} set to {copy[at]}", copy);
            }
            case 2:
            {
                var at = random.Next(copy.Length);
                var run = new byte[random.Next(1, 12)];
                random.NextBytes(run);
                for (var k = 0; k < run.Length && at + k < copy.Length; k++) copy[at + k] = run[k];
                return ($"{run.Length} random bytes at {at}", copy);
            }
            case 3:
            {
                // Continuation bits: a LEB128 number that runs on into the next field.
                var at = random.Next(Math.Min(copy.Length, 64));
                copy[at] |= 0x80;
                return ($"continuation bit set at {at}", copy);
            }
            case 4:
            {
                var extra = new byte[random.Next(1, 16)];
                random.NextBytes(extra);
                var cut = random.Next(copy.Length);
                return ($"cut to {cut}, {extra.Length} random bytes appended", [.. copy[..cut], .. extra]);
            }
            default:
            {
                var noise = new byte[random.Next(0, 256)];
                random.NextBytes(noise);
                return ($"{noise.Length} random bytes", noise);
            }
        }
    }

    // A stream that can only be read forward, as a network or pipe stream would be.
    private sealed class ForwardOnlyStream(byte[] contents) : MemoryStream(contents)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
