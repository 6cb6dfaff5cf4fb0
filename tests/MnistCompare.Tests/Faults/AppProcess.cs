using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MnistCompare.Tests.Faults;

// The app as a separate process (the apphost the build copies next to the tests), for what an in-process call
// cannot show: being killed, receiving signals, exit codes seen by a shell.
public sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly Task<string> output;
    private readonly Task<string> error;
    private readonly List<string> outputLines = new();

    private AppProcess(string? workingDirectory, params string[] args)
    {
        // Through env, which execs the app with SIGINT and SIGTERM at their defaults: a test host started in the
        // background inherits an ignored SIGINT, and the app would inherit that, as it should under nohup.
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        start.ArgumentList.Add("--default-signal=INT,TERM");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MnistCompare"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        process = Process.Start(start) ?? throw new InvalidOperationException("could not start MnistCompare");
        output = Task.Run(ReadOutputLines);
        error = process.StandardError.ReadToEndAsync();
    }

    public static AppProcess Start(params string[] args) => new(null, args);

    // Started in another directory, as a user would from wherever they are.
    public static AppProcess StartIn(string workingDirectory, params string[] args) => new(workingDirectory, args);

    // Waits until the app has printed a line that `wanted` accepts, and returns it.
    public string WaitForOutputLine(Func<string, bool> wanted, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            lock (outputLines)
            {
                if (outputLines.FirstOrDefault(wanted) is { } line) return line;
            }
            if (process.HasExited && output.IsCompleted) throw new InvalidOperationException($"MnistCompare exited without the line; it printed:\n{output.Result}");
            if (clock.Elapsed > timeout) throw new TimeoutException($"no such line from MnistCompare within {timeout}");
            Thread.Sleep(20);
        }
    }

    // Line by line, so that a test can react to what has been printed so far.
    private string ReadOutputLines()
    {
        var all = new System.Text.StringBuilder();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            all.Append(line).Append('\n');
            lock (outputLines) outputLines.Add(line);
        }
        return all.ToString();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    // SIGKILL: no handler runs, nothing is flushed; the hardest way to stop.
    public void KillHard() => process.Kill();

    public void Signal(int signal)
    {
        if (kill(process.Id, signal) != 0) throw new InvalidOperationException($"kill({process.Id}, {signal}) failed");
    }

    public const int SigInt = 2;
    public const int SigTerm = 15;

    public (int ExitCode, string Out, string Error) WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            process.Kill();
            throw new TimeoutException($"MnistCompare did not exit within {timeout}");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill();
        process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
