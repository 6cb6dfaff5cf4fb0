using System.Text.Json;
using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;
using MnistCompare.Training;

namespace MnistCompare.Tests.Reporting;

public sealed class RunConfigFileTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void EverySettingRoundTrips()
    {
        var settings = new RunSettings
        {
            Activations = ["leaky-relu:0.2", "softplus:2,10", "maxout:3"], Dataset = "/data/fashion", Epochs = 7, Seeds = 3, Seed = 42,
            BatchSize = 64, EvalBatchSize = 500, LearningRate = 3e-4, ClipValue = 1.5, TrainLimit = 12345, Normalize = true,
            Validation = ValidationMode.Holdout, Device = "cuda", Threads = 5,
        };

        RunConfigFile.Write(temp["config.json"], settings);
        var read = RunConfigFile.Read(temp["config.json"]);

        Assert.Equal(settings.Activations, read.Activations);
        Assert.Equal(settings, read with { Activations = settings.Activations });
    }

    [Fact]
    public void KeysAreSnakeCaseAndEnumsLowerCase()
    {
        RunConfigFile.Write(temp["config.json"], new RunSettings { Validation = ValidationMode.Holdout });
        using var json = JsonDocument.Parse(File.ReadAllText(temp["config.json"]));
        var root = json.RootElement;
        Assert.Equal("holdout", root.GetProperty("validation").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("train_limit").ValueKind);
        Assert.Equal(128, root.GetProperty("batch_size").GetInt32());
        Assert.Equal(RunSettings.DefaultActivations, root.GetProperty("activations").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public void MissingKeysTakeTheDefaults()
    {
        File.WriteAllText(temp["config.json"], """{ "epochs": 5 }""");
        var read = RunConfigFile.Read(temp["config.json"]);
        Assert.Equal(new RunSettings { Epochs = 5 } with { Activations = read.Activations }, read);
        Assert.Equal(RunSettings.DefaultActivations, read.Activations);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{ "epochs": "many" }""")]
    [InlineData("""{ "validation": "sometimes" }""")]
    public void ABrokenFileIsInvalidDataNamingIt(string contents)
    {
        File.WriteAllText(temp["config.json"], contents);
        var e = Assert.Throws<InvalidDataException>(() => RunConfigFile.Read(temp["config.json"]));
        Assert.StartsWith(temp["config.json"] + ": not a valid run configuration", e.Message);
    }

    [Fact]
    public void AMissingFileIsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => RunConfigFile.Read(temp["config.json"]));

    public void Dispose() => temp.Dispose();
}
