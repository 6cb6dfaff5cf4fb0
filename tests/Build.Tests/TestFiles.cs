using System.Diagnostics;
using System.Runtime.Versioning;
using System.Reflection;

// The library under test is linux-x64 only, and so are these tests (file modes, stat, dlopen).
[assembly: SupportedOSPlatform("linux")]

namespace Build.Tests;

/// <summary>Where the real files are, and scratch folders for copies of them.</summary>
internal static class TestFiles
{
    public const string SystemLibstdcxx = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";

    /// <summary>TorchSharp's libLibTorchSharp.so in the NuGet package folder; only ever read.</summary>
    public static string LibTorchSharp => Existing("LibTorchSharp");

    /// <summary>The libtorch libraries libLibTorchSharp.so links against.</summary>
    public static string LibTorchNativeDirectory => Existing("LibTorchNativeDirectory");

    public static string NuGetPackageRoot => Metadata("NuGetPackageRoot");

    private static string Existing(string key)
    {
        string path = Metadata(key);
        // A missing package is a broken setup, not a reason to skip: the tests would prove nothing.
        Assert.True(File.Exists(path) || Directory.Exists(path),
            $"{path} ({key}) does not exist; restore tests/Build.Tests, which downloads the TorchSharp and libtorch packages.");
        return path;
    }

    private static string Metadata(string key)
    {
        string? value = typeof(TestFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
        Assert.False(string.IsNullOrEmpty(value), $"the test assembly has no {key} metadata; was it built from Build.Tests.csproj after a restore?");
        return value!;
    }

    /// <summary>"inode ctime": changes when a file is replaced or written, unlike the mtime the patch keeps.</summary>
    public static string Identity(string path)
    {
        var start = new ProcessStartInfo("stat", ["-c", "%i %Z", path]) { RedirectStandardOutput = true };
        using Process stat = Process.Start(start)!;
        string output = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        Assert.Equal(0, stat.ExitCode);
        return output;
    }
}

/// <summary>A fresh folder under /tmp, removed afterwards.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Path = Directory.CreateTempSubdirectory("build-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>A copy of the package's libLibTorchSharp.so in this folder (or a subfolder).</summary>
    public string CopyOfLibTorchSharp(string subfolder = "")
    {
        string directory = System.IO.Path.Combine(Path, subfolder);
        Directory.CreateDirectory(directory);
        string copy = System.IO.Path.Combine(directory, "libLibTorchSharp.so");
        File.Copy(TestFiles.LibTorchSharp, copy);
        return copy;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
