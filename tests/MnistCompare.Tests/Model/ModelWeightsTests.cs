using CustomActivations;
using MnistCompare.Model;
using MnistCompare.Tests.Data;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MnistCompare.Tests.Model;

// ModelWeights.Load on the files a run writes, and on every way such a file can be wrong: each failure is one
// WeightsFileException whose message names the file and says what is wrong, whatever TorchSharp threw.
// (CompareEndToEndTests loads the weights a real training wrote and checks they reproduce its metrics.)
public sealed class ModelWeightsTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly ITestOutputHelper output;

    public ModelWeightsTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void LoadsWhatTheTrainerSaves()
    {
        var path = Saved("relu", out var expected);

        using var loaded = ModelWeights.Load(path, "relu");

        var state = loaded.state_dict();
        Assert.Equal(expected.Keys, state.Keys);
        foreach (var (key, values) in expected) Assert.Equal(values, Values(state[key]));
    }

    [Theory]
    // maxout widens the layers before it: the same entries, other shapes.
    [InlineData("maxout:2", 28, "conv1.weight")]
    // prelu adds learnable slopes: more entries than the file has.
    [InlineData("prelu:channel", 28, "entries")]
    // Other images change fc1's input size.
    [InlineData("relu", 32, "fc1.weight")]
    public void WeightsOfAnotherNetworkAreRefusedNamingTheFileAndWhatDiffers(string activation, int imageSize, string detail)
    {
        var path = Saved("relu", out _);

        var e = LoadFails(() => ModelWeights.Load(path, activation, imageSize), path);
        output.WriteLine(e.Message);

        Assert.Contains($"not the weights of the {activation} network for {imageSize}×{imageSize} images", e.Problem);
        Assert.Contains(detail, e.Problem);
    }

    [Fact]
    public void ACutShortFileIsRefusedAtEveryLength()
    {
        var bytes = File.ReadAllBytes(Saved("relu", out _));
        var path = temp.File("cut.weights");
        // One network for all the cuts (building one per load would dominate): LoadInto is what Load runs.
        using var model = new TutorialCnn(ActivationRegistry.Parse("relu"));
        // Every cut in the first 300 bytes (count, keys, shapes of the first entries), then a spread through the
        // 4.8 MB of floats, each cut inside a different entry.
        var lengths = Enumerable.Range(1, 300).Concat(Enumerable.Range(1, 40).Select(i => (int)(bytes.LongLength * i / 41))).Append(bytes.Length - 1);
        foreach (var length in lengths)
        {
            File.WriteAllBytes(path, bytes[..length]);
            var e = Assert.Throws<WeightsFileException>(() => ModelWeights.LoadInto(model, path));
            Assert.StartsWith(path + ": ", e.Message);
            Assert.True(e.Problem.Contains("cut short", StringComparison.Ordinal) || e.Problem.Contains("not the weights", StringComparison.Ordinal),
                $"cut to {length}: {e.Message}");
        }
    }

    [Fact]
    public void AnEmptyFileSaysSo()
    {
        var path = temp.Write("empty.weights", []);
        var e = LoadFails(() => ModelWeights.Load(path, "gelu"), path);
        Assert.Equal("empty file (0 bytes); expected the weights of the gelu network for 28×28 images", e.Problem);
    }

    [Theory]
    [InlineData("metrics.csv")]
    [InlineData("train-labels-idx1-ubyte")]
    [InlineData("noise.weights")]
    public void AFileThatIsNotWeightsIsRefused(string name)
    {
        byte[] contents = name switch
        {
            "metrics.csv" => "activation,seed,epoch,train_loss,train_acc,val_loss,val_acc,seconds,diverged\nrelu,1,1,0.5,0.8,0.4,0.85,12.5,false\n"u8.ToArray(),
            "train-labels-idx1-ubyte" => IdxBytes.CyclicLabels(100),
            _ => Noise(5000),
        };
        var path = temp.Write(name, contents);
        output.WriteLine(LoadFails(() => ModelWeights.Load(path, "relu"), path).Message);
    }

    [Fact]
    public void AMissingFileIsAFileSystemErrorNamingIt()
    {
        var path = temp.File("absent.weights");
        var e = Assert.Throws<FileNotFoundException>(() => ModelWeights.Load(path, "relu"));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void TheCauseIsKept()
    {
        var path = temp.Write("noise.weights", Noise(64));
        var e = LoadFails(() => ModelWeights.Load(path, "relu"), path);
        Assert.NotNull(e.InnerException);
    }

    private static WeightsFileException LoadFails(Func<TutorialCnn> load, string path)
    {
        var e = Assert.Throws<WeightsFileException>(() => load().Dispose());
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    // The weights of a fresh network as the trainer writes them (model.save), and their values.
    private string Saved(string activation, out Dictionary<string, float[]> values)
    {
        random.manual_seed(42);
        using var model = new TutorialCnn(ActivationRegistry.Parse(activation));
        var path = temp.File($"{activation}-seed1.weights");
        model.save(path);
        values = model.state_dict().ToDictionary(e => e.Key, e => Values(e.Value));
        return path;
    }

    private static float[] Values(Tensor t)
    {
        using var accessor = t.data<float>();
        return accessor.ToArray();
    }

    private static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
