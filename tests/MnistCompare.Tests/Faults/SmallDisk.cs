using System.Diagnostics;

namespace MnistCompare.Tests.Faults;

// A tmpfs of a given size, to make "disk full" real rather than simulated. Mounting needs root, which the CI
// container and this machine have; elsewhere Mount returns null and the disk tests have nothing to check.
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static SmallDisk? Mount(long megabytes)
    {
        if (Environment.UserName != "root") return null;
        var path = Directory.CreateTempSubdirectory("mnistcompare-small-disk-").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path) != 0)
        {
            Directory.Delete(path);
            return null;
        }
        return new SmallDisk(path);
    }

    // Takes every free byte, so the next write fails with "No space left on device".
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[1 << 20];
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
        }
        try
        {
            while (true) stream.Write(block, 0, 1);
        }
        catch (IOException)
        {
        }
        return filler;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static int Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
