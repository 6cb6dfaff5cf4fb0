using System.CommandLine;
using MnistCompare.Cli;
using MnistCompare.Reporting;
using MnistCompare.Training;

namespace MnistCompare.Tests.Cli;

// How the command line becomes RunSettings, checked on the parse alone (nothing runs, nothing prints).
public sealed class CompareOptionsTests
{
    private static (CompareOptions Options, ParseResult Parse) Parse(params string[] args)
    {
        var options = new CompareOptions();
        var command = new RootCommand();
        foreach (var option in options.All) command.Options.Add(option);
        var parse = command.Parse(args);
        Assert.True(parse.Errors.Count == 0, string.Join("; ", parse.Errors.Select(e => e.Message)));
        return (options, parse);
    }

    [Fact]
    public void DefaultsAreTheTutorialComparison()
    {
        var (options, parse) = Parse();
        var settings = options.ToSettings(parse);
        Assert.Equal(RunSettings.DefaultActivations, settings.Activations);
        Assert.Equal(new RunSettings(), settings with { Activations = RunSettings.DefaultActivations });
    }

    [Fact]
    public void DiagnosticsAreOnUnlessTurnedOffAndTheConfigurationRecordsThem()
    {
        var (options, on) = Parse();
        Assert.True(options.ToSettings(on).Diagnostics);
        var (offOptions, off) = Parse("--diagnostics", "off");
        var settings = offOptions.ToSettings(off);
        Assert.False(settings.Diagnostics);

        using var folder = new TempFolder();
        RunConfigFile.Write(folder["config.json"], settings);
        Assert.Contains("\"diagnostics\": false", File.ReadAllText(folder["config.json"]));
        Assert.False(RunConfigFile.Read(folder["config.json"]).Diagnostics);
        // A run recorded before the option existed had none: it resumes with them on.
        File.WriteAllText(folder["config.json"], File.ReadAllText(folder["config.json"]).Replace("\"diagnostics\": false,", "", StringComparison.Ordinal)
            .Replace(",\n  \"diagnostics\": false", "", StringComparison.Ordinal));
        Assert.True(RunConfigFile.Read(folder["config.json"]).Diagnostics);
    }

    [Theory]
    [InlineData(new[] { "-a", "relu,gelu" }, new[] { "relu", "gelu" })]
    [InlineData(new[] { "-a", "relu", "-a", "gelu" }, new[] { "relu", "gelu" })]
    [InlineData(new[] { "-a", " relu , leaky-relu:0.2 ,," }, new[] { "relu", "leaky-relu:0.2" })]
    [InlineData(new[] { "--activations", "elu:0.5,maxout:3" }, new[] { "elu:0.5", "maxout:3" })]
    // softplus's parameter holds a comma of its own: <beta>,<threshold> (see `list`).
    [InlineData(new[] { "-a", "softplus:2,10" }, new[] { "softplus:2,10" })]
    [InlineData(new[] { "-a", "relu,softplus:2,10,gelu" }, new[] { "relu", "softplus:2,10", "gelu" })]
    [InlineData(new[] { "-a", "softplus:0.5,+1.5e1,softplus:2,.5" }, new[] { "softplus:0.5,+1.5e1", "softplus:2,.5" })]
    public void ActivationListsAreSplitOnCommasBetweenActivations(string[] args, string[] expected)
    {
        var (options, parse) = Parse(args);
        Assert.Equal(expected, options.ToSettings(parse).Activations);
    }

    [Fact]
    public void ANumberAfterAnActivationWithoutParameterIsStillRefused()
    {
        var options = new CompareOptions();
        var command = new RootCommand();
        foreach (var option in options.All) command.Options.Add(option);
        var error = Assert.Single(command.Parse(["-a", "relu,10"]).Errors);
        Assert.Contains("Unknown activation '10'", error.Message);
    }

    [Fact]
    public void EveryOptionReachesTheSettings()
    {
        var (options, parse) = Parse("-a", "selu", "-e", "4", "--seeds", "3", "--seed", "9", "--batch-size", "32", "--lr", "0.01", "--clip", "2",
            "--data", "/somewhere", "--normalize", "--train-limit", "500", "--validation", "holdout", "--threads", "1");
        var settings = options.ToSettings(parse);
        var expected = new RunSettings
        {
            Activations = settings.Activations, Epochs = 4, Seeds = 3, Seed = 9, BatchSize = 32, LearningRate = 0.01, ClipValue = 2,
            Dataset = "/somewhere", Normalize = true, TrainLimit = 500, Validation = ValidationMode.Holdout, Threads = 1,
        };
        Assert.Equal(["selu"], settings.Activations);
        Assert.Equal(expected, settings);
    }

    [Fact]
    public void AConfigBaselineIsOverriddenOnlyByOptionsGivenExplicitly()
    {
        var baseline = new RunSettings { Activations = ["tanh"], Epochs = 20, TrainLimit = 100, Normalize = true, Seed = 5 };
        var (options, parse) = Parse("--epochs", "3", "--seed", "1");
        var settings = options.ToSettings(parse, baseline);
        Assert.Equal(["tanh"], settings.Activations);
        Assert.Equal((3, 1L, 100, true), (settings.Epochs, settings.Seed, settings.TrainLimit, settings.Normalize));
    }
}
