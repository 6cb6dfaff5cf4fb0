using System.Runtime.InteropServices;
using TorchSharp;

namespace MnistCompare;

// TorchSharp loads its native library on first use and, when that fails, prints a forty-line trace to stdout
// before throwing. Loading it ourselves first, the way TorchSharp's first step does (beside TorchSharp.dll, as the
// deps file says), turns a library that cannot load into one line naming it and the loader's reason.
internal static class NativeTorch
{
    private const string Library = "LibTorchSharp";

    public static void Load()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            NativeLibrary.Load(Library, typeof(torch).Assembly, searchPath: null);
        }
        catch (DllNotFoundException e)
        {
            throw new UserError($"TorchSharp's native library lib{Library}.so cannot be loaded: {Reason(e.Message)}", exitCode: 1);
        }
    }

    // .NET lists every path it tried, one per line; the line that names a file that exists says why it failed.
    private static string Reason(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.FirstOrDefault(line => line.StartsWith('/') && !line.Contains("cannot open shared object file", StringComparison.Ordinal))
               ?? lines.FirstOrDefault(line => line.StartsWith('/'))
               ?? lines.FirstOrDefault()
               ?? "unknown reason";
    }
}
