using Precision = MnistCompare.Model.Precision;
using CustomActivations;
using MnistCompare.Model;
using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;
using MnistCompare.Training;
using static TorchSharp.torch;

namespace MnistCompare.Tests.Bf16;

// --precision on real trainings: both precisions learn, bf16 keeps float32 weights, and a bf16 run stays bf16 when
// resumed (its numbers are those of the uninterrupted bf16 run, which fp32 arithmetic would not reproduce).
[Collection(AppCollection.Name)]
public sealed class MixedPrecisionTrainingTests : IClassFixture<MixedPrecisionRuns>
{
    // Ten classes: a guessing network is right one time in ten. One epoch on 2,000 images reaches about 85% here.
    private const double WellAboveChance = 0.5;

    private readonly MixedPrecisionRuns runs;

    public MixedPrecisionTrainingTests(MixedPrecisionRuns runs) => this.runs = runs;

    [Fact]
    public void BothPrecisionsTrainWellAboveChanceAfterOneEpoch()
    {
        Assert.True(runs.Fp32Result.ExitCode == 0, runs.Fp32Result.ToString());
        Assert.True(runs.Bf16Result.ExitCode == 0, runs.Bf16Result.ToString());
        var fp32 = Metrics(runs.Fp32).Single(m => m.Epoch == 1);
        var bf16 = Metrics(runs.Bf16).Single(m => m.Epoch == 1);
        Assert.InRange(fp32.ValAccuracy, WellAboveChance, 1.0);
        Assert.InRange(bf16.ValAccuracy, WellAboveChance, 1.0);
        // Different arithmetic, so not the same numbers: the bf16 run really computed in bfloat16.
        Assert.NotEqual(fp32.TrainLoss, bf16.TrainLoss);
    }

    [Fact]
    public void ConfigRecordsThePrecisionAndTheSummarySaysIt()
    {
        Assert.Equal(Precision.Fp32, RunConfigFile.Read(Path.Combine(runs.Fp32, RunConfigFile.FileName)).Precision);
        Assert.Equal(Precision.Bf16, RunConfigFile.Read(Path.Combine(runs.Bf16, RunConfigFile.FileName)).Precision);
        Assert.Contains("\"precision\": \"bf16\"", File.ReadAllText(Path.Combine(runs.Bf16, RunConfigFile.FileName)));
        Assert.Contains("bfloat16 mixed precision", File.ReadAllText(Path.Combine(runs.Bf16, "summary.md")));
        Assert.DoesNotContain("bfloat16", File.ReadAllText(Path.Combine(runs.Fp32, "summary.md")));
    }

    [Fact]
    public void WeightsSavedFromABf16RunAreFloat32AndLoadIntoAnFp32Network()
    {
        var path = new RunFolder(runs.Bf16).WeightsPath("relu", 1);

        using var model = ModelWeights.Load(path, "relu");

        Assert.Equal(Precision.Fp32, model.Precision);
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        // The loaded network classifies the test images about as well as the bf16 run validated it.
        var bf16Accuracy = Metrics(runs.Bf16).Last().ValAccuracy;
        Assert.InRange(TestAccuracy(model), bf16Accuracy - 0.02, bf16Accuracy + 0.02);
    }

    [Fact]
    public void ARunResumedUnderBf16ContinuesUnderBf16()
    {
        Assert.IsAssignableFrom<OperationCanceledException>(runs.Interruption);
        Assert.True(runs.ResumeResult.ExitCode == 0, runs.ResumeResult.ToString());
        Assert.Equal(Precision.Bf16, RunConfigFile.Read(Path.Combine(runs.ResumedBf16, RunConfigFile.FileName)).Precision);
        // The same numbers as the bf16 run that was never stopped, epoch for epoch (all but the seconds).
        Assert.Equal(Metrics(runs.Bf16).Select(WithoutTimes), Metrics(runs.ResumedBf16).Select(WithoutTimes));
    }

    [Fact]
    public void ResumeRefusesAnotherPrecision()
    {
        var result = AppRunner.Run("compare", "--resume", "--out", runs.ResumedBf16, "--precision", "fp32");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--precision does not apply", Assert.Single(result.ErrorLines));
    }

    private static IReadOnlyList<EpochMetrics> Metrics(string folder) => MetricsCsv.Read(Path.Combine(folder, MetricsCsv.FileName));

    private static EpochMetrics WithoutTimes(EpochMetrics m) => m with { Seconds = 0, ValidationSeconds = 0 };

    private static double TestAccuracy(TutorialCnn model)
    {
        using var data = TrainingData.Load(new RunSettings { TrainLimit = 128 });
        return Evaluator.Evaluate(model, data.Validation, 500).Accuracy;
    }
}
