using Precision = MnistCompare.Model.Precision;
using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;
using MnistCompare.Training;

namespace MnistCompare.Tests.Bf16;

// Real trainings on 2,000 MNIST images, made once for the tests of MixedPrecisionTrainingTests: one epoch in fp32 and
// two in bf16 through the command line, and a bf16 run of the same settings stopped in its second epoch (as Ctrl-C
// stops it) and continued with `compare --resume`.
public sealed class MixedPrecisionRuns : IDisposable
{
    private readonly TempFolder folder = new("mnistcompare-precision-");

    public MixedPrecisionRuns()
    {
        Fp32 = Path.Combine(folder.Path, "fp32");
        Bf16 = Path.Combine(folder.Path, "bf16");
        ResumedBf16 = Path.Combine(folder.Path, "resumed-bf16");
        Fp32Result = AppRunner.Run("compare", "-a", "relu", "--train-limit", "2000", "--epochs", "1", "--out", Fp32);
        Bf16Result = AppRunner.Run("compare", "-a", "relu", "--train-limit", "2000", "--epochs", "2", "--precision", "bf16", "--out", Bf16);

        var settings = RunConfigFile.Read(Path.Combine(Bf16, RunConfigFile.FileName));
        var runFolder = new RunFolder(ResumedBf16);
        using (var data = TrainingData.Load(settings))
        {
            runFolder.Prepare(resume: false, force: false);
            var comparison = new Comparison(settings, runFolder, data);
            comparison.Start(resume: false);
            using var cancellation = new CancellationTokenSource();
            Interruption = Record.Exception(() => comparison.Run(new StopInSecondEpoch(cancellation), cancellation.Token));
        }
        ResumeResult = AppRunner.Run("compare", "--resume", "--out", ResumedBf16);
    }

    public string Fp32 { get; }

    public string Bf16 { get; }

    public string ResumedBf16 { get; }

    public AppResult Fp32Result { get; }

    public AppResult Bf16Result { get; }

    public Exception? Interruption { get; }

    public AppResult ResumeResult { get; }

    public void Dispose() => folder.Dispose();

    private sealed class StopInSecondEpoch(CancellationTokenSource cancellation) : ITrainingObserver
    {
        public void BatchCompleted(BatchProgress progress)
        {
            if (progress.Epoch == 2 && progress.Batch == 5) cancellation.Cancel();
        }
    }
}
