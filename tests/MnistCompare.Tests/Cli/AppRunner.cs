using MnistCompare.Cli;
using Spectre.Console;

namespace MnistCompare.Tests.Cli;

// What one in-process `App.Run` printed and returned.
public sealed record AppResult(IReadOnlyList<string> Args, int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> ErrorLines => Lines(Error);

    public IReadOnlyList<string> OutLines => Lines(Out);

    // For assertion messages: enough to see what went wrong without rerunning.
    public override string ToString() =>
        $"mnistcompare {string.Join(' ', Args)} → exit {ExitCode}\n--- stderr ---\n{Error}--- stdout (end) ---\n{Tail(Out, 3000)}";

    private static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();

    private static string Tail(string text, int length) => text.Length <= length ? text : "…" + text[^length..];
}

// Runs the app's in-process entry point with Console.Out and Console.Error captured, and restores both afterwards.
// Spectre's AnsiConsole binds to the Console.Out of its first use and never looks again, so the tables it prints
// (list, summary) would land in whatever writer was current then; it is pointed at the capture for the call, too.
// Callers belong to AppCollection, which never runs in parallel with anything: the console is process-wide.
public static class AppRunner
{
    private static readonly object Gate = new();

    public static AppResult Run(params string[] args)
    {
        lock (Gate)
        {
            var (previousOut, previousError, previousAnsi) = (Console.Out, Console.Error, AnsiConsole.Console);
            var output = new StringWriter();
            var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(output),
            });
            // As the app sets up its console when the output is not a terminal.
            AnsiConsole.Console.Profile.Width = 120;
            int exitCode;
            try
            {
                exitCode = App.Run(args);
            }
            finally
            {
                Console.SetOut(previousOut);
                Console.SetError(previousError);
                AnsiConsole.Console = previousAnsi;
            }
            return new AppResult(args, exitCode, output.ToString(), error.ToString());
        }
    }

    // Exit 0 and nothing on stderr, or a failure message that shows both streams.
    public static AppResult Succeeds(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0 && result.Error.Length == 0, result.ToString());
        return result;
    }

    // The contract for every error the user can act on: the given exit code and exactly one line on stderr.
    public static string FailsWithOneLine(int exitCode, params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}: {result}");
        Assert.True(result.ErrorLines.Count == 1, $"expected one line on stderr: {result}");
        Assert.StartsWith("error: ", result.ErrorLines[0]);
        return result.ErrorLines[0];
    }
}
