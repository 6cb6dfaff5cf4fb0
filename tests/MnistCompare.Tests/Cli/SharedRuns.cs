namespace MnistCompare.Tests.Cli;

// The trainings that several tests inspect, each run once, when a test first asks for it, into one temp folder
// removed at the end. Every one uses 2,000 training images and one epoch: most of its cost is the validation
// pass over the 10,000 test images, so fewer training images would hardly save time.
public sealed class SharedRuns : IDisposable
{
    // The end-to-end run. --normalize because it lifts ReLU's one-epoch accuracy from ~0.78 to ~0.84.
    public static readonly string[] ComparisonArgs =
        ["compare", "--train-limit", "2000", "--epochs", "1", "-a", "relu,gelu", "--normalize"];

    private readonly TempFolder root = new("mnistcompare-runs-");
    private readonly Lazy<CompletedRun> comparison;
    private readonly Lazy<ForcedRun> reseeded;

    public SharedRuns()
    {
        comparison = new Lazy<CompletedRun>(() =>
        {
            var folder = root["relu-gelu"];
            return new CompletedRun(folder, AppRunner.Run([.. ComparisonArgs, "--out", folder]));
        });
        reseeded = new Lazy<ForcedRun>(() =>
        {
            // ReLU again with seed 2, over a copy of the comparison with --force: one training shows both that
            // the seed matters and that --force leaves nothing of the run it replaces.
            var folder = root["relu-seed2"];
            RunFiles.CopyFolder(Comparison.Folder, folder);
            var before = RunFiles.Snapshot(folder);
            var result = AppRunner.Run("compare", "--train-limit", "2000", "--epochs", "1", "-a", "relu", "--normalize", "--seed", "2",
                "--force", "--out", folder);
            return new ForcedRun(new CompletedRun(folder, result), before);
        });
    }

    // relu and gelu, seed 1 (see ComparisonArgs).
    public CompletedRun Comparison => comparison.Value;

    // relu with seed 2, written with --force over a copy of Comparison.
    public ForcedRun Reseeded => reseeded.Value;

    // A new, empty place for a test's own folder next to the shared runs (cleaned up with them).
    public string NewPath(string name) => root[$"{name}-{Guid.NewGuid():N}"];

    public void Dispose() => root.Dispose();
}

// A compare that has run: where, and what it printed.
public sealed record CompletedRun(string Folder, AppResult Result)
{
    public string File(string name) => Path.Combine(Folder, name);

    public IReadOnlyList<MetricsRow> Rows => RunFiles.ReadMetrics(File("metrics.csv"));

    public void AssertSucceeded() => Assert.True(Result.ExitCode == 0 && Result.Error.Length == 0, Result.ToString());
}

// A compare run with --force, and the files its folder held before.
public sealed record ForcedRun(CompletedRun Run, IReadOnlyDictionary<string, byte[]> FilesBefore);
