using System.Security.Cryptography;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MnistCompare.Build;

namespace Build.Tests;

/// <summary>The MSBuild task as the targets run it: what it patches, refuses and logs.</summary>
public sealed class WeakenGlibcxxRequirementTaskTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static (bool Succeeded, FakeBuildEngine Log) Run(string library, string? systemLibstdcxx = null, string? nuGetPackageRoot = null)
    {
        var engine = new FakeBuildEngine();
        var task = new WeakenGlibcxxRequirement
        {
            BuildEngine = engine,
            Libraries = [new TaskItem(library)],
            SystemLibstdcxx = systemLibstdcxx,
            NuGetPackageRoot = nuGetPackageRoot,
        };
        return (task.Execute(), engine);
    }

    /// <summary>A libstdc++ stand-in that has everything this one has, plus GCC 13's versions.</summary>
    private string NewerLibstdcxx()
    {
        string system = TestFiles.SystemLibstdcxx;
        List<string> versions = GlibcxxRequirement.ReadDefinedVersions(File.ReadAllBytes(system), system);
        string path = Path.Combine(_scratch.Path, "newer", "libstdc++.so.6");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, MinimalElf.DefiningVersions("libstdc++.so.6", [.. versions, "GLIBCXX_3.4.31", "GLIBCXX_3.4.32"]));
        return path;
    }

    private static NeededVersion Glibcxx3432(string path) =>
        Assert.Single(GlibcxxRequirement.Inspect(File.ReadAllBytes(path), path), v => v.Name == "GLIBCXX_3.4.32");

    [Fact]
    public void On_this_machine_it_weakens_the_copy_and_says_so_once()
    {
        string copy = _scratch.CopyOfLibTorchSharp("bin");

        var (succeeded, log) = Run(copy);

        Assert.True(succeeded);
        Assert.Empty(log.Errors);
        Assert.Empty(log.Warnings);
        var (importance, text) = Assert.Single(log.Messages);
        Assert.Equal(MessageImportance.Low, importance);
        Assert.Contains("marked GLIBCXX_3.4.32 weak", text);
        Assert.Contains(copy, text);
        Assert.True(Glibcxx3432(copy).IsWeak);
    }

    [Fact]
    public void With_a_libstdcxx_that_has_GLIBCXX_3_4_32_it_leaves_the_library_alone()
    {
        string copy = _scratch.CopyOfLibTorchSharp("bin");
        byte[] before = File.ReadAllBytes(copy);
        string identity = TestFiles.Identity(copy);

        var (succeeded, log) = Run(copy, systemLibstdcxx: NewerLibstdcxx());

        Assert.True(succeeded);
        Assert.Empty(log.Errors);
        Assert.Contains("has every version it needs", Assert.Single(log.Messages).Text);
        Assert.Equal(before, File.ReadAllBytes(copy));
        Assert.Equal(identity, TestFiles.Identity(copy));
    }

    [Fact]
    public void A_library_that_needs_more_fails_the_build_with_one_line()
    {
        string copy = _scratch.CopyOfLibTorchSharp("bin");
        // A stand-in libstdc++ without GLIBCXX_3.4.30 plays a future TorchSharp that needs a
        // version for real functions (std::condition_variable::wait among them).
        string system = TestFiles.SystemLibstdcxx;
        string older = Path.Combine(_scratch.Path, "older", "libstdc++.so.6");
        Directory.CreateDirectory(Path.GetDirectoryName(older)!);
        File.WriteAllBytes(older, MinimalElf.DefiningVersions("libstdc++.so.6",
            GlibcxxRequirement.ReadDefinedVersions(File.ReadAllBytes(system), system).Where(v => v != "GLIBCXX_3.4.30")));
        byte[] before = File.ReadAllBytes(copy);

        var (succeeded, log) = Run(copy, systemLibstdcxx: older);

        Assert.False(succeeded);
        string error = Assert.Single(log.Errors);
        Assert.DoesNotContain('\n', error);
        Assert.StartsWith($"{copy} needs GLIBCXX_3.4.30 for ", error);
        Assert.Contains("_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE", error);
        Assert.EndsWith($"which this machine's libstdc++ ({older}, up to GLIBCXX_3.4.29) lacks; TorchSharp cannot load here.", error);
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_library_inside_the_package_folder_is_refused()
    {
        string packages = Path.Combine(_scratch.Path, "packages");
        string inside = _scratch.CopyOfLibTorchSharp(Path.Combine("packages", "torchsharp", "0.107.0"));
        byte[] before = File.ReadAllBytes(inside);

        var (succeeded, log) = Run(inside, nuGetPackageRoot: packages + "/");

        Assert.False(succeeded);
        string error = Assert.Single(log.Errors);
        Assert.Contains(inside, error);
        Assert.Contains("NuGet package folder", error);
        Assert.Equal(before, File.ReadAllBytes(inside));
    }

    [Fact]
    public void The_real_package_file_is_refused_and_stays_byte_identical()
    {
        string package = TestFiles.LibTorchSharp;
        byte[] hash = SHA256.HashData(File.ReadAllBytes(package));
        string identity = TestFiles.Identity(package);

        // With a libstdc++ that lacks nothing, even a broken refusal would have nothing to write.
        var (succeeded, log) = Run(package, systemLibstdcxx: NewerLibstdcxx(), nuGetPackageRoot: TestFiles.NuGetPackageRoot);

        Assert.False(succeeded);
        Assert.Contains("NuGet package folder", Assert.Single(log.Errors));
        Assert.Equal(hash, SHA256.HashData(File.ReadAllBytes(package)));
        Assert.Equal(identity, TestFiles.Identity(package));
    }

    [Fact]
    public void An_explicit_libstdcxx_that_does_not_exist_is_an_error()
    {
        string copy = _scratch.CopyOfLibTorchSharp("bin");

        var (succeeded, log) = Run(copy, systemLibstdcxx: Path.Combine(_scratch.Path, "nowhere", "libstdc++.so.6"));

        Assert.False(succeeded);
        Assert.Contains("does not exist", Assert.Single(log.Errors));
    }
}
