using System.CommandLine;
using System.Globalization;
using MnistCompare.Model;
using MnistCompare.Reporting;
using MnistCompare.Reporting.Charts;
using MnistCompare.Reporting.Diagnostics;
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
        var resume = parse.GetValue(options.Resume);
        if (resume && parse.GetValue(options.Force)) throw new UserError("--resume and --force exclude each other");
        if (resume && parse.GetValue(options.Out) is null) throw new UserError("--resume needs --out, the run folder to continue");
        var folder = new RunFolder(OutputFolder.Checked(parse.GetValue(options.Out) ?? RunsDirectory.NewFolder()));
        // Before the options are weighed against config.json: a missing run is the problem to report, not an option.
        if (resume) folder.RequireRunToResume();
        if (resume && options.RunDefining.FirstOrDefault(o => o != options.Epochs && parse.GetResult(o) is { Implicit: false }) is { } given)
            throw new UserError($"--resume continues with the settings in the run's config.json; {given.Name} does not apply " +
                                "(only --epochs, to extend the run, and --threads and --parallel may change)");
        var config = parse.GetValue(options.Config);
        var baseline = config is not null ? RunConfigFile.Read(config) : null;
        var settings = resume
            ? Resumed(ConfigFileCheck.Checked(RunConfigFile.Read(folder.ConfigPath), "--resume", folder.ConfigPath), options, parse, folder)
            : PrecisionChoice.ForThisMachine(options.ToSettings(parse, baseline), parse.GetValue(options.InsistPrecision), FastBf16.OnThisCpu(),
                note => Console.Error.WriteLine($"note: {note}"));
        // The options given were checked as they were parsed, so a bad value left here came from the file.
        if (config is not null) ConfigFileCheck.Checked(settings, "--config", config);
        // A default runs/<date-time> would scatter the shards of one sweep over folders named by when each started.
        if (!resume && settings.Shard is not null && parse.GetValue(options.Out) is null)
            throw new UserError("--shard needs --out: every shard of a sweep writes a run folder of its own (e.g. --out runs/sweep/shards/1)");
        return Run(settings, folder, resume, parse.GetValue(options.Force), parse.GetValue(options.Parallel), parse.GetValue(options.PlotSize));
    }

    // The recorded settings, with --threads and a larger --epochs where given. The thread count is the recorded one
    // unless --threads says otherwise: it changes the order of floating-point sums, and a resumed run should end
    // exactly where an uninterrupted one would. More epochs extend every pair from the last epoch it finished.
    private static RunSettings Resumed(RunSettings recorded, CompareOptions options, ParseResult parse, RunFolder folder)
    {
        var settings = recorded;
        if (parse.GetResult(options.Threads) is { Implicit: false }) settings = settings with { Threads = parse.GetValue(options.Threads)!.Value };
        if (parse.GetResult(options.Epochs) is { Implicit: false })
        {
            var epochs = parse.GetValue(options.Epochs);
            if (epochs < recorded.Epochs)
                throw new UserError($"--epochs {epochs}: the run in {folder.Path} has {recorded.Epochs} epochs per activation; --resume can extend " +
                                    "a run, not shorten it (plot draws any run's epochs)");
            settings = settings with { Epochs = epochs };
        }
        return settings;
    }

    public static int Run(RunSettings settings, RunFolder folder, bool resume, bool force, int parallel = 1, PlotSize? plotSize = null)
    {
        if (settings.Shard is { Pairs.Count: 0 } empty)
        {
            // More shards than pairs (a job array sized for a bigger sweep): nothing to do is not a failure.
            Console.Out.WriteLine($"Shard {empty.Index} of {empty.Count} has nothing to train: the plan has only {settings.PlanPairs().Count} " +
                                  $"activation × seed pair{(settings.PlanPairs().Count == 1 ? "" : "s")}. No run folder written.");
            return 0;
        }
        if (settings.Device == "cuda" && !cuda.is_available())
            throw new UserError("--device cuda: no CUDA here (this build runs on TorchSharp-cpu, or no GPU is visible); on a GPU machine " +
                                "build with -p:TorchSharpPackage=TorchSharp-cuda-linux, or use --device cpu");
        set_num_threads(settings.Threads);
        using var data = TrainingData.Load(settings);
        settings = settings with { Images = data.Counts };
        var comparison = new Comparison(settings, folder, data, plotSize);
        // Before anything is written, so a refused run leaves no folder to --force away; an upper bound, as the
        // pairs a resumed run has finished are not known yet.
        folder.RequireFreeSpace(comparison.DiskBytesNeeded(Math.Min(parallel, comparison.Pairs.Count)));
        folder.Prepare(resume, force);
        ParallelPlan Plan(int pending) => ParallelPlan.For(pending, parallel, settings.Threads, Environment.ProcessorCount);
        var finished = comparison.Start(resume, pending => settings with
        {
            Parallel = parallel,
            ThreadsPerTraining = Plan(pending).ThreadsPerWorker,
        });
        foreach (var note in comparison.ResumeNotes) Console.Error.WriteLine($"note: {note}");
        var plan = Plan(comparison.PendingPairs.Count);
        if (plan.Oversubscribed) Console.Error.WriteLine($"note: {plan.Describe()} on {Environment.ProcessorCount} cores: the runs will compete for them");

        Console.Out.WriteLine($"Run folder: {folder.Path}");
        Console.Out.WriteLine(SummaryMarkdown.Describe(settings));
        if (comparison.PendingPairs.Count == 0)
        {
            Console.Out.WriteLine($"Nothing left to do: every activation × seed has its {settings.Epochs} epoch{(settings.Epochs == 1 ? "" : "s")} " +
                                  "(a larger --epochs with --resume extends the run).");
            folder.RemoveEmptyCheckpoints();
            return 0;
        }
        Console.Out.WriteLine(RunPlan.Describe(settings, comparison, plan));

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
                summaries = Train(new PlainProgress(Console.Out, settings.Epochs, comparison.Pairs.Count, batches, (long)comparison.PendingEpochs * batches, finished));
            }
            CurvePlots.Render(folder, comparison.Metrics, settings, plotSize ?? PlotSize.Default);
            EvaluationOutputs.DrawFigures(folder, comparison.Evaluations);
            DiagnosticsFigures.Render(folder, comparison.Diagnostics);
            folder.RemoveEmptyCheckpoints();
            // Last, so that it embeds every figure drawn above.
            RunReport.Write(folder);
            SummaryTable.Print(summaries);
            var diagnostics = settings.Diagnostics ? $", {DiagnosticsCsv.FileName} ({string.Join(", ", DiagnosticsFigures.FileNames)})" : "";
            Console.Out.WriteLine($"Wrote {folder.SummaryPath}, {MetricsCsv.FileName}, {EvaluationCsv.FileName}, {ComparisonsCsv.FileName}{diagnostics}, the plots " +
                                  $"({string.Join(", ", CurvePlots.Names.Append(ConfusionFigure.Name))}; .png and .svg), {MistakesFigure.Name}.png, " +
                                  $"{RunReport.FileName} and models/.");
            return 0;
        }
        catch (IOException e)
        {
            // A full disk mid-run: AtomicFile left every file whole, so the run can go on once there is room.
            throw new UserError($"{e.Message}. Every finished epoch is kept in {folder.Path}; make room and continue with: " +
                                ResumeCommand.For(folder.Path), exitCode: 1);
        }
        catch (WorkerFailedException e)
        {
            throw new UserError($"{e.Message}. Every finished epoch is kept in {folder.Path}; continue with: {ResumeCommand.For(folder.Path)}",
                exitCode: 1);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"Interrupted. Every finished epoch is saved in {folder.Path}; continue with: {ResumeCommand.For(folder.Path)}");
            return 130;
        }
    }
}
