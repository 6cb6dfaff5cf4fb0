using MnistCompare.Data;

namespace MnistCompare.Cli;

// The command that continues a run, printed when one stops early: absolute paths, so that it works pasted into a
// shell in any directory. The repository's script when the app runs from a checkout, else this executable.
public static class ResumeCommand
{
    public static string For(string runFolder)
    {
        var root = DatasetLocator.FromEnvironment().FindRepositoryRoot();
        var script = root is null ? null : Path.Combine(root, "scripts", "compare.sh");
        var program = script is not null && File.Exists(script) ? new[] { script } : ThisApp();
        return string.Join(' ', program.Append("--resume").Append("--out").Append(Path.GetFullPath(runFolder)).Select(ShellWord));
    }

    private static string[] ThisApp()
    {
        var process = Environment.ProcessPath ?? "MnistCompare";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, typeof(ResumeCommand).Assembly.Location] : [process];
    }

    // Quoted only when the shell would split or expand it.
    public static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '+' or ',' or '=' or '@')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
