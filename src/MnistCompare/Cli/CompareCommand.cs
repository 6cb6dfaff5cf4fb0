using System.CommandLine;
using System.Globalization;
using MnistCompare.Reporting;
using MnistCompare.Training;
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
            throw new UserError($"--resume continues with the settings in the run's config.json; {given.Name} does not apply (only --threads may change)");
        // Before config.json is read: a folder without one is a usage error with advice, not a bare "no such file".
        if (resume) folder.RequireRunToResume();
        var config = parse.GetValue(options.Config);
        var baseline = config is not null ? RunConfigFile.Read(config) : null;
        var settings = resume
            ? ConfigFileCheck.Checked(RunConfigFile.Read(folder.ConfigPath) with { Threads = parse.GetValue(options.Threads) }, "--resume", folder.ConfigPath)
            : options.ToSettings(parse, baseline);
        // The options given were checked as they were parsed, so a bad value left here came from the file.
        if (config is not null) ConfigFileCheck.Checked(settings, "--config", config);
        return Run(settings, folder, resume, parse.GetValue(options.Force));
    }

    public static int Run(RunSettings settings, RunFolder folder, bool resume, bool force)
    {
        if (settings.Device == "cuda" && !cuda.is_available())
            throw new UserError("--device cuda: this libtorch has no CUDA support (or no GPU is visible); use --device cpu");
        set_num_threads(settings.Threads);
        using var data = TrainingData.Load(settings);
        folder.Prepare(resume, force);

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var comparison = new Comparison(settings, folder, data);
        var finished = comparison.Start(resume);
        Console.Out.WriteLine($"Run folder: {folder.Path}");
        Console.Out.WriteLine(SummaryMarkdown.Describe(settings));
        try
        {
            IReadOnlyList<ActivationSummary> summaries;
            var batches = (int)((data.Train.Count + settings.BatchSize - 1) / settings.BatchSize);
            if (Terminal.IsInteractive)
            {
                summaries = Array.Empty<ActivationSummary>();
                AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                        new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .Start(context =>
                    {
                        var live = new LiveProgress(context, comparison.Pairs.Count, settings.Epochs, batches, finished);
                        summaries = comparison.Run(live, cancellation.Token);
                    });
            }
            else
            {
                summaries = comparison.Run(new PlainProgress(Console.Out, settings.Epochs), cancellation.Token);
            }
            CurvePlots.Render(folder, comparison.Metrics, settings);
            SummaryTable.Print(summaries);
            Console.Out.WriteLine($"Wrote {folder.SummaryPath}, {MetricsCsv.FileName}, the plots ({string.Join(", ", CurvePlots.Names)}; .png and .svg) and models/.");
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"Interrupted. Finished runs and epochs are saved in {folder.Path}; continue with: " +
                                    $"scripts/compare.sh --resume --out {Quote(folder.Path)}");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string Quote(string path) => path.Contains(' ') ? $"'{path}'" : path;
}
