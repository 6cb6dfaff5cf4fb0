using System.CommandLine;
using System.Runtime.InteropServices;
using MnistCompare.Data;
using MnistCompare.Model;
using MnistCompare.Training;
using Spectre.Console;

namespace MnistCompare.Cli;

// The command line as a whole: `dotnet run` with no arguments runs the default comparison. Every failure the
// user can act on ends as one line on stderr and a non-zero exit code: 2 for bad arguments, 1 for bad data or
// other faults; 130 after Ctrl-C.
public static class App
{
    public static RootCommand CreateRootCommand()
    {
        var compareOptions = new CompareOptions();
        var root = new RootCommand("MnistCompare: which activation function should I use? Trains the tutorial CNN on MNIST once per " +
                                   "activation and draws the validation loss and accuracy curves side by side.");
        foreach (var option in compareOptions.All) root.Options.Add(option);
        root.SetAction(parse => CompareCommand.Run(compareOptions, parse));
        root.Subcommands.Add(CompareCommand.Create(compareOptions));
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(ActivationsCommand.Create());
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(CirclesCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        return root;
    }

    // Logs and pipes get tables without colour codes, wide enough not to wrap the numbers (confidence intervals included).
    private static IAnsiConsole PlainConsole(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        return console;
    }

    // A word the parser could not place is most often a mistyped option, or a second value after one that takes one.
    private static string ParseErrorMessage(ParseResult parse)
    {
        if (parse.UnmatchedTokens.Count == 0) return parse.Errors[0].Message;
        var token = parse.UnmatchedTokens[0];
        return token.StartsWith('-')
            ? $"unknown option '{token}'"
            : $"unexpected argument '{token}'; an option takes one value (lists are comma-separated, as in -a relu,gelu)";
    }

    public static int Run(string[] args)
    {
        NativeMemory.KeepFreedMemoryForReuse();
        NativeThreads.WaitPassively();
        if (Console.IsOutputRedirected) AnsiConsole.Console = PlainConsole(Console.Out);
        var parse = CreateRootCommand().Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"error: {ParseErrorMessage(parse)} (see --help)");
            return 2;
        }
        try
        {
            if (parse.CommandResult.Command.Name is not "list" && parse.Action is not System.CommandLine.Help.HelpAction) NativeTorch.Load();
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UserError e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or IdxFormatException or WeightsFileException
                                       or UnauthorizedAccessException or ExternalException or ArgumentException or CheckpointException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            if (Environment.GetEnvironmentVariable("MNISTCOMPARE_DEBUG") == "1") Console.Error.WriteLine(e);
            return 1;
        }
    }
}
