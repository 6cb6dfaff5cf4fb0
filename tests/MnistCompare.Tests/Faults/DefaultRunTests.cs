using System.Text.RegularExpressions;
using MnistCompare.Data;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Faults;

// A bare start, as `dotnet run --project src/MnistCompare` from some other directory does: the app says what it is
// about to do before it trains, writes into the repository's runs/ (not into the directory it was started from), and
// when stopped prints a resume command that works pasted anywhere. Stopped after the first batches; the run folder it
// made in the repository is removed.
[Collection(AppCollection.Name)]
public sealed class DefaultRunTests
{
    [Fact]
    public void ABareStartElsewhereSaysWhatItWillDoWritesToTheRepositorysRunsAndPrintsAnAbsoluteResumeCommand()
    {
        var root = DatasetLocator.FromEnvironment().FindRepositoryRoot()!;
        using var elsewhere = new TempFolder("mnistcompare-elsewhere-");
        string? folder = null;
        try
        {
            using var app = AppProcess.StartIn(elsewhere.Path);
            folder = app.WaitForOutputLine(l => l.StartsWith("Run folder: ", StringComparison.Ordinal), TimeSpan.FromMinutes(2))["Run folder: ".Length..];
            app.WaitForOutputLine(l => l.StartsWith("training sigmoid (seed 1) from epoch 1", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
            app.Signal(AppProcess.SigTerm);
            var (exitCode, output, error) = app.WaitForExit(TimeSpan.FromMinutes(2));

            Assert.Equal(130, exitCode);
            Assert.Equal(Path.Combine(root, "runs"), Path.GetDirectoryName(folder));
            Assert.False(Directory.Exists(Path.Combine(elsewhere.Path, "runs")));
            var lines = output.Split('\n').ToList();
            var plan = lines.FindIndex(l => Regex.IsMatch(l,
                @"^Training 6 activations \(sigmoid, relu, elu, leaky-relu:0\.2, selu, gelu\) × 1 seed, 1 epoch each; [0-9]+ threads?; " +
                @"about ([0-9]+ min )?[0-9]+ s \(a rough estimate\)\.$"));
            Assert.True(plan >= 0, output);
            Assert.Contains("Dataset mnist: 60,000 training images, validation on 10,000 test images; 1 epoch,", lines[plan - 1]);
            Assert.True(plan < lines.FindIndex(l => l.StartsWith("training sigmoid", StringComparison.Ordinal)), "the plan comes before the training");
            Assert.Equal($"Interrupted. Every finished epoch is saved in {folder}; continue with: {root}/scripts/compare.sh --resume --out {folder}",
                error.TrimEnd('\n'));
        }
        finally
        {
            if (folder is not null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
