namespace MnistCompare.Workers;

// How `--parallel N` spreads a comparison over the cores: how many pairs train at once, and with how many threads
// each. The threads are split evenly and never below one; a training's results depend on its thread count, so every
// worker of a run gets the same count, even when the last pair trains alone.
public sealed record ParallelPlan(int Workers, int ThreadsPerWorker, bool Oversubscribed)
{
    public static ParallelPlan For(int pendingPairs, int parallel, int threads, int cores)
    {
        var workers = Math.Max(1, Math.Min(parallel, pendingPairs));
        // One pair at a time needs no worker process: it trains here with every thread.
        if (workers == 1) return new ParallelPlan(1, threads, false);
        var each = Math.Max(1, threads / workers);
        return new ParallelPlan(workers, each, workers * each > cores);
    }

    public string Describe() => $"{Workers} runs at a time with {ThreadsPerWorker} thread{(ThreadsPerWorker == 1 ? "" : "s")} each";
}
