using System.CommandLine;
using System.Globalization;
using MnistCompare.Model;
using MnistCompare.Reporting;
using MnistCompare.Training;
using MnistCompare.Workers;
using Spectre.Console;
using static TorchSharp.torch;

namespace MnistCompare.Cli;

// `compare`: load the data, train every activation × seed, keep the run folder current, draw the plots.
public static class CompareCommand
{
    public static Command Create(CompareOptions options)
    {
        var command = new Command("compare", "Train the tutorial CNN once per activation and plot the validation curves (the default command).");
        foreach (var option in options.All) command.Options.Add(option);
        command.SetAction(parse => Run(options, parse));
        return command;
    }

    public static int Run(CompareOptions options, ParseResult parse)
    {
        var folder = new RunFolder(parse.GetValue(options.Out) ?? RunFolder.DefaultPath(DateTime.Now));
        var resume = parse.GetValue(options.Resume);
        if (resume && parse.GetValue(options.Force)) throw new UserError("--resume and --force exclude each other");
        if (resume && parse.GetValue(options.Out) is null) throw new UserError("--resume needs --out, the run folder to continue");
        if (resume && options.RunDefining.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } given)
            throw new UserError($"--resume continues with the settings in the run's config.json; {given.Name} does not apply (only --threads and --parallel may change)");
        // Before config.json is read: a folder without one is a usage error with advice, not a bare "no such file".
        if (resume) folder.RequireRunToResume();
        var config = parse.GetValue(options.Config);
        var baseline = config is not null ? RunConfigFile.Read(config) : null;
        var settings = resume
            ? ConfigFileCheck.Checked(Resumed(RunConfigFile.Read(folder.ConfigPath), options, parse), "--resume", folder.ConfigPath)
            : PrecisionChoice.ForThisMachine(options.ToSettings(parse, baseline), parse.GetValue(options.InsistPrecision), FastBf16.OnThisCpu(),
                note => Console.Error.WriteLine($"note: {note}"));
        // The options given were checked as they were parsed, so a bad value left here came from the file.
        if (config is not null) ConfigFileCheck.Checked(settings, "--config", config);
        return Run(settings, folder, resume, parse.GetValue(options.Force), parse.GetValue(options.Parallel));
    }

    // The recorded thread count unless --threads says otherwise: the number of threads changes the order of
    // floating-point sums, and a resumed run should end exactly where an uninterrupted one would.
    private static RunSettings Resumed(RunSettings recorded, CompareOptions options, ParseResult parse) =>
        parse.GetResult(options.Threads) is { Implicit: false } ? recorded with { Threads = parse.GetValue(options.Threads) } : recorded;

    public static int Run(RunSettings settings, RunFolder folder, bool resume, bool force, int parallel = 1)
    {
        if (settings.Device == "cuda" && !cuda.is_available())
            throw new UserError("--device cuda: no CUDA here (this build runs on TorchSharp-cpu, or no GPU is visible); on a GPU machine " +
                                "build with -p:TorchSharpPackage=TorchSharp-cuda-linux, or use --device cpu");
        set_num_threads(settings.Threads);
        using var data = TrainingData.Load(settings);
        var comparison = new Comparison(settings, folder, data);
        // Before anything is written, so a refused run leaves no folder to --force away; an upper bound, as the
        // pairs a resumed run has finished are not known yet.
        folder.RequireFreeSpace(comparison.DiskBytesNeeded(Math.Min(parallel, comparison.Pairs.Count)));
        folder.Prepare(resume, force);
        var finished = comparison.Start(resume);
        foreach (var note in comparison.ResumeNotes) Console.Error.WriteLine($"note: {note}");
        var plan = ParallelPlan.For(comparison.PendingPairs.Count, parallel, settings.Threads, Environment.ProcessorCount);
        if (plan.Oversubscribed) Console.Error.WriteLine($"note: {plan.Describe()} on {Environment.ProcessorCount} cores: the runs will compete for them");

        // With --parallel, every worker stops too; the folder then holds every finished epoch and its checkpoint.
        using var stop = new StopSignals();
        var batches = (int)((data.Train.Count + settings.BatchSize - 1) / settings.BatchSize);
        // The workers load their own copies of the data; this process needed it only to check it and to count.
        if (plan.Workers > 1)
        {
            data.Dispose();
            NativeMemory.ReturnFreedMemory();
        }
        IReadOnlyList<ActivationSummary> Train(ITrainingObserver display) => plan.Workers > 1
            ? new WorkerPool(comparison, folder, WorkerLaunch.ForThisApp(), plan.Workers, plan.ThreadsPerWorker).Run(display, stop.Token)
            : comparison.Run(display, stop.Token);

        Console.Out.WriteLine($"Run folder: {folder.Path}");
        Console.Out.WriteLine(SummaryMarkdown.Describe(settings));
        if (plan.Workers > 1) Console.Out.WriteLine($"Training {plan.Describe()}.");
        try
        {
            IReadOnlyList<ActivationSummary> summaries;
            if (Terminal.IsInteractive)
            {
                summaries = Array.Empty<ActivationSummary>();
                AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                        new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .Start(context =>
                    {
                        var live = new LiveProgress(context, comparison.Pairs.Count, settings.Epochs, batches, finished, plan.Workers);
                        summaries = Train(live);
                    });
            }
            else
            {
                summaries = Train(new PlainProgress(Console.Out, settings.Epochs));
            }
            CurvePlots.Render(folder, comparison.Metrics, settings);
            SummaryTable.Print(summaries);
            Console.Out.WriteLine($"Wrote {folder.SummaryPath}, {MetricsCsv.FileName}, the plots ({string.Join(", ", CurvePlots.Names)}; .png and .svg) and models/.");
            return 0;
        }
        catch (IOException e)
        {
            // A full disk mid-run: AtomicFile left every file whole, so the run can go on once there is room.
            throw new UserError($"{e.Message}. Every finished epoch is kept in {folder.Path}; make room and continue with: " +
                                $"scripts/compare.sh --resume --out {Quote(folder.Path)}", exitCode: 1);
        }
        catch (WorkerFailedException e)
        {
            throw new UserError($"{e.Message}. Every finished epoch is kept in {folder.Path}; continue with: " +
                                $"scripts/compare.sh --resume --out {Quote(folder.Path)}", exitCode: 1);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"Interrupted. Every finished epoch is saved in {folder.Path}; continue with: " +
                                    $"scripts/compare.sh --resume --out {Quote(folder.Path)}");
            return 130;
        }
    }

    private static string Quote(string path) => path.Contains(' ') ? $"'{path}'" : path;
}
