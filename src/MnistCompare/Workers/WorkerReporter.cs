using MnistCompare.Evaluation;
using MnistCompare.Training;

namespace MnistCompare.Workers;


// The worker's side of the conversation with `compare --parallel`: every event of the training goes out as one
// WorkerMessage line, and the parent's acknowledgements come back on stdin. The end of stdin means the parent wants
// the worker to stop (or has died): the training is cancelled at its next batch, so no worker outlives its parent
// by more than a batch.
public sealed class WorkerReporter : ITrainingObserver, IDisposable
{
    private readonly TextWriter output;
    private readonly CancellationTokenSource stop;
    private readonly SemaphoreSlim acknowledgements = new(0);

    public WorkerReporter(TextWriter output, TextReader input, CancellationTokenSource stop)
    {
        this.output = output;
        this.stop = stop;
        var listener = new Thread(() => Listen(input)) { IsBackground = true, Name = "worker stdin" };
        listener.Start();
    }

    private void Listen(TextReader input)
    {
        try
        {
            while (input.ReadLine() is { } line)
            {
                if (line == WorkerMessage.Acknowledgement) acknowledgements.Release();
            }
        }
        catch (IOException)
        {
            // A broken pipe ends the conversation like a closed one.
        }
        catch (ObjectDisposedException)
        {
            // The worker is exiting.
        }
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void RunStarted(string activation, long seed, int firstEpoch) => Send(new WorkerMessage { Started = new WorkerStart(activation, seed, firstEpoch) });

    public void BatchCompleted(BatchProgress progress) => Send(new WorkerMessage { Batch = progress });

    public void DiagnosticsMeasured(IReadOnlyList<LayerDiagnostics> rows) => Send(new WorkerMessage { Diagnostics = rows });

    // The trainer writes the epoch's checkpoint when this returns, so it returns once the parent has recorded the
    // epoch; if the parent stops the worker instead, the checkpoint is not written and the epoch runs again on --resume.
    public void EpochCompleted(EpochMetrics metrics)
    {
        Send(new WorkerMessage { Epoch = metrics });
        acknowledgements.Wait(stop.Token);
    }

    public void Finished(LossAndAccuracy? finalTest) => Send(new WorkerMessage { Finished = new WorkerResult(finalTest) });

    private void Send(WorkerMessage message)
    {
        output.WriteLine(message.ToLine());
        output.Flush();
    }

    public void Dispose() => acknowledgements.Dispose();
}
