using System.Diagnostics;

namespace MnistCompare.Workers;

// One running training worker, seen from the parent: its stdout lines (and their end) go to `events` in order,
// its stderr is kept to explain a failure, and closing its stdin asks it to stop.
public sealed class WorkerProcess : IDisposable
{
    // A stopped worker ends at its next batch; one that does not within this time is killed.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly List<string> errorLines = new();
    private bool stdinClosed;

    private WorkerProcess(Process process, string activation, long seed)
    {
        this.process = process;
        Activation = activation;
        Seed = seed;
    }

    public string Activation { get; }

    public long Seed { get; }

    // Set when the worker reported the end of its training.
    public WorkerResult? Result { get; set; }

    public static WorkerProcess Start(WorkerLaunch launch, IEnumerable<string> arguments, string activation, long seed,
        Action<WorkerEvent> events)
    {
        var info = new ProcessStartInfo(launch.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in launch.LeadingArguments.Concat(arguments)) info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        var worker = new WorkerProcess(process, activation, seed);
        process.OutputDataReceived += (_, e) => events(new WorkerEvent(worker, e.Data));
        process.ErrorDataReceived += (_, e) =>
        {
            if (string.IsNullOrWhiteSpace(e.Data)) return;
            lock (worker.errorLines) worker.errorLines.Add(e.Data.Trim());
        };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new WorkerFailedException($"cannot start a training worker ({launch.FileName}): {e.Message}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    // The last thing the worker said on stderr (its one-line error, if it failed), without the "error: " prefix.
    public string? LastError
    {
        get
        {
            lock (errorLines)
            {
                var last = errorLines.LastOrDefault();
                return last is not null && last.StartsWith("error: ", StringComparison.Ordinal) ? last["error: ".Length..] : last;
            }
        }
    }

    public void Acknowledge() => WriteLine(WorkerMessage.Acknowledgement);

    // Asks the worker to stop at its next batch: it sees the end of its stdin.
    public void Stop()
    {
        if (stdinClosed) return;
        stdinClosed = true;
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It has exited already.
        }
    }

    // Waits for the worker to end (its stdout has ended, so it is ending) and returns its exit code.
    public int WaitForExit()
    {
        if (!process.WaitForExit(StopGrace))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        // With asynchronous reading, this overload also waits for the last stderr line.
        process.WaitForExit();
        return process.ExitCode;
    }

    private void WriteLine(string line)
    {
        if (stdinClosed) return;
        try
        {
            process.StandardInput.WriteLine(line);
            process.StandardInput.Flush();
        }
        catch (IOException)
        {
            // The worker has gone; its end of output tells the rest.
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Stop();
            if (!process.WaitForExit(StopGrace)) process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }
}

// A line of a worker's stdout, or its end (Line is null).
public sealed record WorkerEvent(WorkerProcess Worker, string? Line);
