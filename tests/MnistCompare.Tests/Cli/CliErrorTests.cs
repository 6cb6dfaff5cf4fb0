using MnistCompare.Data;
using static TorchSharp.torch;

namespace MnistCompare.Tests.Cli;

// Every mistake the user can make on the command line ends as exit code 2 (bad arguments) or 1 (bad data), with
// exactly one line on stderr that names what to fix, and nothing written. Each case also passes a tiny training
// configuration and its own --out, so that a check that stopped working would cost seconds, not a default run.
[Collection(AppCollection.Name)]
public sealed class CliErrorTests
{
    private static readonly string[] Tiny = ["-a", "relu", "--train-limit", "100", "--epochs", "1"];

    private readonly SharedRuns runs;

    public CliErrorTests(SharedRuns runs) => this.runs = runs;

    [Theory]
    [InlineData("--activations: Unknown activation 'nope'", "-a", "nope")]
    [InlineData("--activations: Unknown activation 'nope'", "-a", "relu,nope")]
    [InlineData("--activations: Bad parameter 'x' for activation 'elu'", "-a", "elu:x")]
    [InlineData("--epochs must be a positive number", "--epochs", "0")]
    [InlineData("--precision: unknown precision 'fp16' (expected fp32 or bf16)", "--precision", "fp16")]
    [InlineData("--precision: unknown precision '1' (expected fp32 or bf16)", "--precision", "1")]
    [InlineData("--activations: no activation named", "-a", ",")]
    [InlineData("--activations: no activation named", "-a", "")]
    [InlineData("--epochs must be a positive number", "--epochs", "-1")]
    [InlineData("--epochs: 'ten' is not a whole number", "--epochs", "ten")]
    [InlineData("--batch-size: '1.5' is not a whole number", "--batch-size", "1.5")]
    [InlineData("--train-limit: 'all' is not a whole number", "--train-limit", "all")]
    [InlineData("--train-limit: '2k' is not a whole number", "--train-limit", "2k")]
    [InlineData("--val-limit: 'some' is not a whole number", "--val-limit", "some")]
    [InlineData("--val-limit must be a positive number of images", "--val-limit", "0")]
    [InlineData("--lr: 'fast' is not a number", "--lr", "fast")]
    [InlineData("--clip: 'x' is not a number", "--clip", "x")]
    [InlineData("--seeds: 'two' is not a whole number", "--seeds", "two")]
    [InlineData("--seed: 'one' is not a whole number", "--seed", "one")]
    [InlineData("--threads: 'max' is not a whole number", "--threads", "max")]
    [InlineData("--validation: unknown mode 'foo' (expected test or holdout)", "--validation", "foo")]
    [InlineData("--dataset: unknown dataset 'cifar' (expected mnist or fashion; --data DIR", "--dataset", "cifar")]
    [InlineData("unknown option '--epoch'", "--epoch", "1")]
    [InlineData("unexpected argument 'gelu'; an option takes one value (lists are comma-separated, as in -a relu,gelu)", "-a", "relu", "gelu")]
    [InlineData("--activations: relu is named twice", "-a", "relu,relu")]
    [InlineData("--activations: relu and ReLU are the same activation (ReLU); name it once", "-a", "relu,ReLU")]
    [InlineData("--activations: leaky-relu:0.01 and leaky-relu are the same activation", "-a", "leaky-relu:0.01,gelu,leaky-relu")]
    [InlineData("--activations: swish and silu are the same activation", "-a", "swish,silu")]
    [InlineData("--batch-size must be a positive number", "--batch-size", "0")]
    [InlineData("--batch-size must be a positive number", "--batch-size", "-32")]
    [InlineData("--seeds must be a positive number", "--seeds", "0")]
    [InlineData("--threads must be a positive number", "--threads", "0")]
    [InlineData("--parallel must be a positive number", "--parallel", "0")]
    [InlineData("--parallel must be a positive number", "--parallel", "-2")]
    [InlineData("--train-limit must be a positive number of images", "--train-limit", "0")]
    [InlineData("--train-limit must be a positive number of images", "--train-limit", "-5")]
    [InlineData("--device: unknown device 'tpu'", "--device", "tpu")]
    [InlineData("--device: unknown device 'gpu'", "--device", "gpu")]
    [InlineData("--diagnostics: expected on or off, not 'maybe'", "--diagnostics", "maybe")]
    [InlineData("--lr must be a positive number", "--lr", "-1")]
    [InlineData("--lr must be a positive number", "--lr", "0")]
    [InlineData("--clip must be a positive number", "--clip", "0")]
    [InlineData("unknown option '--bogus'", "--bogus")]
    [InlineData("--resume and --force exclude each other", "--resume", "--force")]
    public void ABadOptionIsOneLineAndExitCode2(string expected, params string[] args)
    {
        var output = runs.NewPath("unused");
        // The tiny settings, less those the case gives itself (an option given twice is an error of its own).
        var tiny = Tiny.Chunk(2).Where(pair => !args.Contains(pair[0])).SelectMany(pair => pair);
        var error = AppRunner.FailsWithOneLine(2, ["compare", .. tiny, "--out", output, .. args]);
        Assert.Contains(expected, error);
        // Nothing of .NET's vocabulary: no type names, no parser phrasing.
        Assert.DoesNotContain("System.", error);
        Assert.DoesNotContain("Cannot parse", error);
        Assert.DoesNotContain("Unrecognized", error);
        Assert.False(Directory.Exists(output), "nothing is written for a bad option");
    }

    [Fact]
    public void AnOutThatIsAFileOrInsideOneIsOneLineNamingIt()
    {
        var file = runs.NewPath("a-file");
        File.WriteAllText(file, "not a folder");
        string[][] commands = [["compare", .. Tiny], ["plot", runs.NewPath("missing-run")], ["circles"], ["activations"]];
        foreach (var command in commands)
        {
            Assert.Equal($"error: --out: {file} is a file; give a folder (a new one, or a run folder)",
                AppRunner.FailsWithOneLine(2, [.. command, "--out", file]));
            Assert.Equal($"error: --out: {file} is a file, so {file}/sub cannot be a folder inside it; give a folder",
                AppRunner.FailsWithOneLine(2, [.. command, "--out", Path.Combine(file, "sub")]));
        }
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void ResumingARunThatDoesNotExistNamesTheMissingRunBeforeAnyOption()
    {
        var missing = runs.NewPath("nosuchrun");
        Assert.Equal($"error: --resume: {missing} does not exist; there is no run to resume there",
            AppRunner.FailsWithOneLine(2, "compare", "--resume", "--out", missing, "-a", "relu"));
    }

    [Fact]
    public void TheDefaultCommandChecksOptionsToo() =>
        Assert.Contains("--epochs must be a positive number", AppRunner.FailsWithOneLine(2, "--epochs", "0"));

    [Fact]
    public void ATrainLimitAboveTheTrainingSetNamesTheLimitAndTheSize()
    {
        var output = runs.NewPath("unused");
        var error = AppRunner.FailsWithOneLine(2, "compare", "-a", "relu", "--epochs", "1", "--train-limit", "70000", "--out", output);
        Assert.Contains("--train-limit 70000 is more than the 60000 training images", error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void CudaOnALibtorchWithoutCudaIsAUsageError()
    {
        Assert.False(cuda.is_available(), "this test expects the CPU-only libtorch of this repository");
        var output = runs.NewPath("unused");
        var error = AppRunner.FailsWithOneLine(2, ["compare", .. Tiny, "--device", "cuda", "--out", output]);
        Assert.Contains("--device cuda", error);
        Assert.Contains("no CUDA", error);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("\"epochs\": 0", "epochs must be a positive number (got 0)")]
    [InlineData("\"batch_size\": -8", "batch_size must be a positive number (got -8)")]
    [InlineData("\"eval_batch_size\": 0", "eval_batch_size must be a positive number (got 0)")]
    [InlineData("\"train_limit\": 0", "train_limit must be a positive number (got 0)")]
    [InlineData("\"learning_rate\": -0.5", "learning_rate must be a positive number (got -0.5)")]
    [InlineData("\"device\": \"tpu\"", "device: unknown device 'tpu'")]
    [InlineData("\"activations\": [\"relu\", \"nope\"]", "activations: Unknown activation 'nope'")]
    [InlineData("\"activations\": []", "activations must list at least one activation")]
    [InlineData("\"activations\": null", "activations must list at least one activation")]
    public void ABadValueInAConfigFileIsAUsageErrorNamingTheFileAndTheKey(string setting, string expected)
    {
        var config = WriteConfig(setting);
        var output = runs.NewPath("unused");

        var error = AppRunner.FailsWithOneLine(2, "compare", "--config", config, "--out", output);

        Assert.Contains($"--config: {config}: {expected}", error);
        Assert.False(Directory.Exists(output), "nothing is written for a bad config file");
    }

    [Fact]
    public void AnOptionGivenExplicitlyReplacesTheBadValueOfTheConfigFile()
    {
        // Only the settings the run would use are checked: --epochs 1 overrides the file's 0, so the run gets as far
        // as loading the data, where the too large --train-limit stops it before anything is trained or written.
        var config = WriteConfig("\"epochs\": 0");
        var output = runs.NewPath("unused");
        var error = AppRunner.FailsWithOneLine(2, "compare", "--config", config, "--epochs", "1", "--train-limit", "70000", "--out", output);
        Assert.Contains("--train-limit 70000 is more than the 60000 training images", error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ADamagedConfigInTheRunToResumeIsAUsageErrorAndTheFolderIsLeftAlone()
    {
        var folder = runs.NewPath("resume-bad-config");
        Directory.CreateDirectory(folder);
        File.Copy(WriteConfig("\"batch_size\": 0"), Path.Combine(folder, "config.json"));
        var before = RunFiles.Snapshot(folder);

        var error = AppRunner.FailsWithOneLine(2, "compare", "--resume", "--out", folder);

        Assert.Contains($"--resume: {Path.Combine(folder, "config.json")}: batch_size must be a positive number (got 0)", error);
        Assert.Equal(before, RunFiles.Snapshot(folder));
    }

    // A config.json of a tiny run (relu, 100 images, one epoch) with one setting replaced.
    private string WriteConfig(string setting)
    {
        var key = setting[..(setting.IndexOf(':') + 1)];
        var settings = new MnistCompare.Training.RunSettings { Activations = ["relu"], TrainLimit = 100, Epochs = 1 };
        var path = Path.Combine(runs.NewPath("config"), "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        MnistCompare.Reporting.RunConfigFile.Write(path, settings);
        var lines = File.ReadAllLines(path).ToList();
        var at = lines.FindIndex(l => l.TrimStart().StartsWith(key, StringComparison.Ordinal));
        Assert.True(at >= 0, $"config.json has no {key}");
        // A list spans several lines: the replaced setting takes its place, up to the closing bracket.
        var end = lines[at].TrimEnd().EndsWith('[') ? lines.FindIndex(at, l => l.TrimStart().StartsWith(']')) : at;
        var comma = lines[end].TrimEnd().EndsWith(',') ? "," : "";
        lines.RemoveRange(at, end - at + 1);
        lines.Insert(at, "  " + setting + comma);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void AMissingDatasetNamesThePathAndTheSetupScript()
    {
        var missing = runs.NewPath("no-dataset");
        var output = runs.NewPath("unused");
        var result = AppRunner.Run(["compare", .. Tiny, "--data", missing, "--out", output]);
        Assert.True(result.ExitCode != 0 && result.ErrorLines.Count == 1, result.ToString());
        Assert.Contains(missing, result.Error);
        Assert.Contains("scripts/setup.sh", result.Error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ACorruptIdxFileIsNamedInOneLine()
    {
        // The real MNIST files, except that the training images stop after 100,000 bytes.
        var data = runs.NewPath("corrupt-mnist");
        Directory.CreateDirectory(data);
        foreach (var name in new[] { DatasetFiles.TrainLabelsName, DatasetFiles.TestImagesName, DatasetFiles.TestLabelsName })
            File.Copy(Data.RealDatasets.MnistFile(name), Path.Combine(data, name));
        var truncated = Path.Combine(data, DatasetFiles.TrainImagesName);
        File.WriteAllBytes(truncated, File.ReadAllBytes(Data.RealDatasets.MnistFile(DatasetFiles.TrainImagesName))[..100_000]);
        var output = runs.NewPath("unused");

        var error = AppRunner.FailsWithOneLine(1, ["compare", .. Tiny, "--data", data, "--out", output]);

        Assert.Contains(truncated + ": truncated", error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void AnUnknownActivationInTheActivationsCommandIsAUsageError() =>
        Assert.Contains("--activations: Unknown activation 'nope'",
            AppRunner.FailsWithOneLine(2, "activations", "-a", "nope", "--out", runs.NewPath("unused")));
}
