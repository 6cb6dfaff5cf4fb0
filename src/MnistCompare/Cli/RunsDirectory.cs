using MnistCompare.Data;

namespace MnistCompare.Cli;

// Where a command writes when --out is not given: runs/ in the repository the app belongs to (found from the
// executable, then from the current directory, as data/mnist is), whichever directory it is started from; ./runs
// only for an app outside any checkout. The run's first line names the folder in full either way.
public static class RunsDirectory
{
    public static string Root => Path.Combine(DatasetLocator.FromEnvironment().FindRepositoryRoot() ?? Directory.GetCurrentDirectory(), "runs");

    // runs/<prefix><date-time>, e.g. runs/20250101-120000 or runs/merged-20250101-120000.
    public static string NewFolder(string prefix = "") => Path.Combine(Root, prefix + DateTime.Now.ToString("yyyyMMdd-HHmmss"));
}
