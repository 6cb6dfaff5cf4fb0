using System.CommandLine;
using MnistCompare.Reporting;
using MnistCompare.Training;
using MnistCompare.Workers;
using static TorchSharp.torch;

namespace MnistCompare.Cli;

// The hidden command `compare --parallel` starts itself with: trains one activation × seed of a run folder in a
// process of its own. libtorch's random generator (dropout masks) and its thread count belong to the process, so
// concurrent trainings in one process could not repeat a sequential run; in separate processes each one does.
// The worker writes the pair's checkpoints, weights and evaluation record (it holds the model); the parent alone
// writes metrics.csv, summary.md, evaluation.csv and the figures.
public static class WorkerCommand
{
    public const string Name = "train-worker";

    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "The run folder (its config.json has the settings).", Required = true };
        var activation = new Option<string>("--activation") { Description = "The activation to train.", Required = true };
        var seed = new Option<long>("--seed") { Description = "The seed to train.", Required = true };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads.", Required = true };
        var command = new Command(Name, "Internal: trains one activation × seed of a run folder for compare --parallel.")
        {
            Hidden = true,
        };
        foreach (var option in new Option[] { run, activation, seed, threads }) command.Options.Add(option);
        command.SetAction(parse => Run(new RunFolder(parse.GetValue(run)!), parse.GetValue(activation)!, parse.GetValue(seed),
            Math.Max(1, parse.GetValue(threads))));
        return command;
    }

    public static int Run(RunFolder folder, string activation, long seed, int threads)
    {
        set_num_threads(threads);
        var settings = RunConfigFile.Read(folder.ConfigPath) with { Threads = threads };
        using var data = TrainingData.Load(settings);
        // The parent rewrote metrics.csv before starting this worker: the pair's rows there are the epochs its
        // checkpoint covers.
        var earlier = File.Exists(folder.MetricsPath)
            ? MetricsCsv.Read(folder.MetricsPath).Where(m => m.Activation == activation && m.Seed == seed).OrderBy(m => m.Epoch).ToList()
            : new List<EpochMetrics>();

        // Ctrl-C reaches every process of the terminal's group; the parent handles the interruption.
        using var stop = new StopSignals();
        using var reporter = new WorkerReporter(Console.Out, Console.In, stop.Source);
        try
        {
            var outcome = new Trainer(settings, data, reporter).Train(activation, seed, new TrainingFiles(folder.WeightsPath(activation, seed),
                folder.CheckpointPath(activation, seed), folder.EvaluationFiles(activation, seed)), earlier, stop.Token);
            reporter.Finished(outcome.FinalTest);
            return 0;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }
}
