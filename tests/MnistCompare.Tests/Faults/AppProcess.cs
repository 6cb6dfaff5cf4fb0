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

    private AppProcess(params string[] args)
    {
        // Through env, which execs the app with SIGINT and SIGTERM at their defaults: a test host started in the
        // background inherits an ignored SIGINT, and the app would inherit that, as it should under nohup.
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT,TERM");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MnistCompare"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        process = Process.Start(start) ?? throw new InvalidOperationException("could not start MnistCompare");
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
    }

    public static AppProcess Start(params string[] args) => new(args);

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
