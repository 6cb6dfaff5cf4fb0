using MnistCompare.Build;

namespace Build.Tests;

/// <summary>The ELF logic on the real libLibTorchSharp.so and the real system libstdc++.</summary>
public sealed class GlibcxxRequirementTests : IDisposable
{
    private const string Marker = GlibcxxRequirement.IosBaseInitMarker;
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static InstalledLibstdcxx ThisMachine => InstalledLibstdcxx.Read(TestFiles.SystemLibstdcxx);

    private static NeededVersion Glibcxx3432(byte[] image, string path) =>
        Assert.Single(GlibcxxRequirement.Inspect(image, path), v => v.Name == "GLIBCXX_3.4.32");

    [Fact]
    public void The_package_library_needs_GLIBCXX_3_4_32_only_for_the_iostream_marker()
    {
        string path = TestFiles.LibTorchSharp;

        NeededVersion version = Glibcxx3432(File.ReadAllBytes(path), path);

        Assert.Equal("libstdc++.so.6", version.File);
        Assert.Equal(18, version.Index); // readelf -V: "Name: GLIBCXX_3.4.32  Flags: none  Version: 18"
        Assert.False(version.IsWeak);
        Assert.Equal([Marker], version.Symbols);
        Assert.Empty(version.Relocations);
    }

    [Fact]
    public void This_machines_libstdcxx_stops_at_GLIBCXX_3_4_30()
    {
        string path = TestFiles.SystemLibstdcxx;

        List<string> versions = GlibcxxRequirement.ReadDefinedVersions(File.ReadAllBytes(path), path);

        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("GLIBCXX_3.4.30", versions);
        Assert.Contains("CXXABI_1.3.13", versions);
        Assert.DoesNotContain("GLIBCXX_3.4.31", versions);
        Assert.DoesNotContain("GLIBCXX_3.4.32", versions);
        Assert.DoesNotContain("libstdc++.so.6", versions); // the BASE entry names the file, not a version
        Assert.Equal("GLIBCXX_3.4.30", ThisMachine.NewestGlibcxx);
    }

    [Fact]
    public void On_this_machine_GLIBCXX_3_4_32_is_the_only_missing_version()
    {
        string path = TestFiles.LibTorchSharp;

        List<NeededVersion> missing = GlibcxxRequirement.MissingVersions(
            GlibcxxRequirement.Inspect(File.ReadAllBytes(path), path), ThisMachine, path);

        Assert.Equal(["GLIBCXX_3.4.32"], missing.Select(v => v.Name));
    }

    [Fact]
    public void Patching_flips_only_the_weak_flag_and_keeps_mode_and_time()
    {
        string copy = _scratch.CopyOfLibTorchSharp();
        byte[] before = File.ReadAllBytes(copy);
        UnixFileMode mode = File.GetUnixFileMode(copy);
        DateTime time = File.GetLastWriteTimeUtc(copy);

        PatchOutcome outcome = GlibcxxRequirement.PatchFile(copy, ThisMachine);

        Assert.Equal(PatchAction.Weakened, outcome.Action);
        byte[] after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        int flags = Glibcxx3432(before, copy).FlagsOffset;
        int[] changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.Equal([flags], changed);
        Assert.Equal(0x00, before[flags]);
        Assert.Equal(0x02, after[flags]);
        Assert.True(Glibcxx3432(after, copy).IsWeak);
        Assert.Equal(mode, File.GetUnixFileMode(copy));
        Assert.Equal(time, File.GetLastWriteTimeUtc(copy));
        Assert.Equal([copy], Directory.GetFiles(_scratch.Path)); // no temporary file left behind
    }

    [Fact]
    public void Patching_again_writes_nothing()
    {
        string copy = _scratch.CopyOfLibTorchSharp();
        GlibcxxRequirement.PatchFile(copy, ThisMachine);
        byte[] patched = File.ReadAllBytes(copy);
        string identity = TestFiles.Identity(copy);

        PatchOutcome again = GlibcxxRequirement.PatchFile(copy, ThisMachine);

        Assert.Equal(PatchAction.AlreadyWeak, again.Action);
        Assert.Equal(patched, File.ReadAllBytes(copy));
        Assert.Equal(identity, TestFiles.Identity(copy)); // same inode, same ctime: not even rewritten
    }

    [Fact]
    public void A_second_symbol_at_that_version_is_refused_by_name()
    {
        string copy = _scratch.CopyOfLibTorchSharp();
        byte[] image = File.ReadAllBytes(copy);
        var elf = new ElfFile(image, copy);
        const string other = "_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE";
        long symbol = DynamicSymbolIndex(elf, other);
        ElfSection versym = elf.Require(ElfFile.ShtGnuVersym, ".gnu.version");
        ushort index = Glibcxx3432(image, copy).Index;
        image[versym.Offset + 2 * symbol] = (byte)index;
        image[versym.Offset + 2 * symbol + 1] = (byte)(index >> 8);
        File.WriteAllBytes(copy, image);

        var error = Assert.Throws<ElfCompatException>(() => GlibcxxRequirement.PatchFile(copy, ThisMachine));

        Assert.Contains(copy, error.Message);
        Assert.Contains("GLIBCXX_3.4.32", error.Message);
        Assert.Contains(other, error.Message);
        Assert.Contains("up to GLIBCXX_3.4.30", error.Message);
        Assert.Contains("TorchSharp cannot load here", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(image, File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_relocation_against_the_marker_is_refused()
    {
        string copy = _scratch.CopyOfLibTorchSharp();
        byte[] image = File.ReadAllBytes(copy);
        var elf = new ElfFile(image, copy);
        long marker = DynamicSymbolIndex(elf, Marker);
        ElfSection plt = Assert.Single(elf.Sections, s => s.Name == ".rela.plt");
        // r_info's upper half is the symbol index; keep the relocation type in the lower half.
        long info = plt.Offset + 8;
        BitConverter.GetBytes((uint)marker).CopyTo(image, info + 4);
        File.WriteAllBytes(copy, image);

        var error = Assert.Throws<ElfCompatException>(() => GlibcxxRequirement.PatchFile(copy, ThisMachine));

        Assert.Contains(copy, error.Message);
        Assert.Contains("GLIBCXX_3.4.32", error.Message);
        Assert.Contains($".rela.plt[0] -> {Marker}", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(image, File.ReadAllBytes(copy));
    }

    [Fact]
    public void Files_that_are_not_ELF64_little_endian_are_refused()
    {
        string text = Path.Combine(_scratch.Path, "text.so");
        File.WriteAllText(text, new string('x', 100));
        string elf32 = _scratch.CopyOfLibTorchSharp();
        byte[] image = File.ReadAllBytes(elf32);
        image[4] = 1; // ELFCLASS32
        File.WriteAllBytes(elf32, image);

        Assert.Contains("not an ELF file", Assert.Throws<ElfCompatException>(() => GlibcxxRequirement.PatchFile(text, ThisMachine)).Message);
        Assert.Contains("not ELF64 little-endian", Assert.Throws<ElfCompatException>(() => GlibcxxRequirement.PatchFile(elf32, ThisMachine)).Message);
    }

    [Fact]
    public void The_minimal_libstdcxx_stand_in_reads_back()
    {
        byte[] image = MinimalElf.DefiningVersions("libstdc++.so.6", ["GLIBCXX_3.4", "GLIBCXX_3.4.32"]);

        Assert.Equal(["GLIBCXX_3.4", "GLIBCXX_3.4.32"], GlibcxxRequirement.ReadDefinedVersions(image, "stand-in"));
    }

    [Fact]
    public void Package_folder_paths_are_recognised()
    {
        string root = Path.Combine(_scratch.Path, "packages");

        Assert.NotNull(GlibcxxRequirement.FindEnclosingPackageFolder(Path.Combine(root, "torchsharp", "libLibTorchSharp.so"), root));
        Assert.NotNull(GlibcxxRequirement.FindEnclosingPackageFolder(TestFiles.LibTorchSharp, null));
        Assert.Null(GlibcxxRequirement.FindEnclosingPackageFolder(Path.Combine(_scratch.Path, "packages-not", "libLibTorchSharp.so"), root));
    }

    private static long DynamicSymbolIndex(ElfFile elf, string name)
    {
        ElfSection dynsym = elf.Require(ElfFile.ShtDynsym, ".dynsym");
        ElfSection strings = elf.Linked(dynsym, ".dynsym");
        for (long s = 0; s < dynsym.Size / 24; s++)
        {
            if (elf.String(strings, elf.U32(dynsym.Offset + 24 * s)) == name) return s;
        }
        throw new InvalidOperationException($"{name} is not a dynamic symbol");
    }
}
