using Spectre.Console;

namespace MnistCompare.Cli;

public static class Terminal
{
    // A live display only where someone watches it; logs and pipes get plain lines.
    public static bool IsInteractive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
