using System.Reflection;

namespace MnistCompare.Workers;

// How this app starts a copy of itself: the program to run and the arguments before the command.
public sealed record WorkerLaunch(string FileName, IReadOnlyList<string> LeadingArguments)
{
    public static WorkerLaunch ForThisApp()
    {
        var app = typeof(WorkerLaunch).Assembly;
        var process = Environment.ProcessPath;
        // `dotnet MnistCompare.dll` (dotnet run, scripts/compare.sh): the same host with our assembly.
        if (process is not null && IsDotnetHost(process)) return new WorkerLaunch(process, [app.Location]);
        // The app's own executable (apphost or single-file publish): itself.
        if (process is not null && Assembly.GetEntryAssembly() == app) return new WorkerLaunch(process, []);
        // Hosted by another program (a test runner): our assembly under the dotnet host the SDK names, else PATH's.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return new WorkerLaunch(dotnet, [app.Location]);
    }

    private static bool IsDotnetHost(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
