using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using MnistCompare.Reporting;
using MnistCompare.Training;

namespace MnistCompare.Workers;

// `compare --parallel N`: trains up to N activation × seed pairs at once, each in a worker process with its share of
// the threads. Every worker event is handled here on one thread, in arrival order, through the comparison's own
// recording methods, so the run folder, the display and --resume behave as in a sequential run. Ctrl-C or a failed
// worker stops the others at their next batch and waits for them, leaving every finished epoch recorded.
public sealed class WorkerPool
{
    private readonly Comparison comparison;
    private readonly RunFolder folder;
    private readonly WorkerLaunch launch;
    private readonly int workers;
    private readonly int threadsPerWorker;

    public WorkerPool(Comparison comparison, RunFolder folder, WorkerLaunch launch, int workers, int threadsPerWorker)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "at least one worker");
        if (threadsPerWorker < 1) throw new ArgumentOutOfRangeException(nameof(threadsPerWorker), threadsPerWorker, "at least one thread");
        this.comparison = comparison;
        this.folder = folder;
        this.launch = launch;
        this.workers = workers;
        this.threadsPerWorker = threadsPerWorker;
    }

    public IReadOnlyList<ActivationSummary> Run(ITrainingObserver display, CancellationToken cancellation)
    {
        var observer = comparison.Recording(display);
        var pending = new Queue<(string Activation, long Seed)>(comparison.PendingPairs);
        var running = new List<WorkerProcess>();
        // A null event is the request to stop.
        using var events = new BlockingCollection<WorkerEvent?>();
        void Post(WorkerEvent? e)
        {
            try
            {
                events.Add(e);
            }
            catch (ObjectDisposedException)
            {
                // Run has returned; nothing listens any more.
            }
        }
        using var onCancel = cancellation.Register(() => Post(null));
        string? failure = null;
        var stopping = false;

        void StopAll()
        {
            stopping = true;
            foreach (var worker in running) worker.Stop();
        }

        try
        {
            while (true)
            {
                while (!stopping && running.Count < workers && pending.TryDequeue(out var pair))
                {
                    running.Add(WorkerProcess.Start(launch, Arguments(pair.Activation, pair.Seed), pair.Activation, pair.Seed, Post));
                }
                if (running.Count == 0) break;

                var next = events.Take();
                if (next is null)
                {
                    StopAll();
                }
                else if (next.Line is { } line)
                {
                    if (Handle(next.Worker, line, observer) is { } problem && failure is null)
                    {
                        failure = problem;
                        StopAll();
                    }
                }
                else
                {
                    var worker = next.Worker;
                    var exitCode = worker.WaitForExit();
                    running.Remove(worker);
                    worker.Dispose();
                    if (exitCode == 0 && worker.Result is { } result)
                    {
                        comparison.CompletePair(worker.Activation, worker.Seed, result.FinalTest);
                    }
                    else if (!cancellation.IsCancellationRequested && failure is null)
                    {
                        failure = Describe(worker, exitCode);
                        StopAll();
                    }
                }
            }
        }
        finally
        {
            // Only reached with workers left when this process itself failed (say, a full disk): stop them too.
            foreach (var worker in running) worker.Stop();
            foreach (var worker in running)
            {
                worker.WaitForExit();
                worker.Dispose();
            }
        }

        if (failure is not null) throw new WorkerFailedException(failure);
        cancellation.ThrowIfCancellationRequested();
        return comparison.Summaries();
    }

    private IEnumerable<string> Arguments(string activation, long seed) =>
    [
        Cli.WorkerCommand.Name, "--run", folder.Path, "--activation", activation,
        "--seed", seed.ToString(CultureInfo.InvariantCulture), "--threads", threadsPerWorker.ToString(CultureInfo.InvariantCulture),
    ];

    // Passes one message on; returns why the worker cannot be trusted any more, if it cannot.
    private static string? Handle(WorkerProcess worker, string line, ITrainingObserver observer)
    {
        WorkerMessage? message;
        try
        {
            message = WorkerMessage.Parse(line);
        }
        catch (JsonException e)
        {
            return $"{Name(worker)}: its training worker sent a message this version does not understand ({e.Message})";
        }
        if (message?.Started is { } started) observer.RunStarted(started.Activation, started.Seed, started.FirstEpoch);
        if (message?.Batch is { } batch) observer.BatchCompleted(batch);
        if (message?.Diagnostics is { } diagnostics) observer.DiagnosticsMeasured(diagnostics);
        if (message?.Epoch is { } epoch)
        {
            observer.EpochCompleted(epoch);
            worker.Acknowledge();
        }
        if (message?.Finished is { } finished) worker.Result = finished;
        return null;
    }

    private static string Describe(WorkerProcess worker, int exitCode)
    {
        var why = worker.LastError is { } error ? $": {error}" : "";
        return exitCode == 0
            ? $"{Name(worker)}: its training worker ended without reporting a result{why}"
            : $"{Name(worker)}: its training worker failed (exit code {exitCode}){why}";
    }

    private static string Name(WorkerProcess worker) => $"{worker.Activation} seed {worker.Seed}";
}
