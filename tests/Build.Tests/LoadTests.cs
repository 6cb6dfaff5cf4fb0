using System.Runtime.InteropServices;
using MnistCompare.Build;

namespace Build.Tests;

/// <summary>The point of it all: the dynamic loader accepts the patched library and not the original.</summary>
public sealed class LoadTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetNumThreads();

    /// <summary>A copy of libLibTorchSharp.so beside links to libtorch, as its RUNPATH ($ORIGIN) expects.</summary>
    private string LoadableCopy(string folder)
    {
        string copy = _scratch.CopyOfLibTorchSharp(folder);
        foreach (string library in Directory.GetFiles(TestFiles.LibTorchNativeDirectory))
            File.CreateSymbolicLink(Path.Combine(_scratch.Path, folder, Path.GetFileName(library)), library);
        return copy;
    }

    [Fact]
    public void The_patched_copy_loads_and_runs_libtorch_where_the_original_does_not()
    {
        string original = LoadableCopy("original");
        string patched = LoadableCopy("patched");
        GlibcxxRequirement.PatchFile(patched, InstalledLibstdcxx.Read(TestFiles.SystemLibstdcxx));

        // The original goes first: the loader rejects it while checking versions, before running
        // any constructor, and unloads what it had mapped, so the process is as clean as before.
        var refused = Assert.Throws<DllNotFoundException>(() => NativeLibrary.Load(original));
        Assert.Contains("GLIBCXX_3.4.32", refused.Message);

        IntPtr handle = NativeLibrary.Load(patched);
        var getNumThreads = Marshal.GetDelegateForFunctionPointer<GetNumThreads>(NativeLibrary.GetExport(handle, "THSTorch_get_num_threads"));
        Assert.True(getNumThreads() >= 1);
    }
}
