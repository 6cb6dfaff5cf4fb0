// TorchSharp's libLibTorchSharp.so is built with GCC 13, whose <iostream> makes every object that
// includes it reference std::ios_base_library_init() at GLIBCXX_3.4.32. That symbol is only a
// link-time marker (it drags in the iostream initialisation object); nothing calls it. Distributions
// with an older libstdc++ (Debian 12 stops at GLIBCXX_3.4.30) then refuse to load the library
// although every function it really uses is there. Marking that one version requirement weak
// (VER_FLG_WEAK) makes the dynamic loader only warn about it.
//
// This file is compiled twice: by MSBuild's RoslynCodeTaskFactory (build/NativeCompat.targets),
// which references only netstandard 2.0, Microsoft.Build.Framework and Microsoft.Build.Utilities,
// and by tests/Build.Tests. So it stays one file and uses no API newer than netstandard 2.0
// (no Span, no File.Move overwrite, no Unix file-mode API, no index/range syntax, no init).
#nullable enable

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MnistCompare.Build
{
    /// <summary>
    /// Weakens, in the build output's copies of libLibTorchSharp.so, the libstdc++ version
    /// requirements that this machine's libstdc++ lacks, when (and only when) that is safe.
    /// </summary>
    public sealed class WeakenGlibcxxRequirement : Microsoft.Build.Utilities.Task
    {
        /// <summary>The copies of libLibTorchSharp.so in an output or publish directory.</summary>
        [Required]
        public ITaskItem[] Libraries { get; set; } = new ITaskItem[0];

        /// <summary>The libstdc++ the library will load against; found in the usual places when empty.</summary>
        public string? SystemLibstdcxx { get; set; }

        /// <summary>$(NuGetPackageRoot): files under it are refused, as is ~/.nuget/packages.</summary>
        public string? NuGetPackageRoot { get; set; }

        public override bool Execute()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                Log.LogMessage(MessageImportance.Low, "WeakenGlibcxxRequirement: not Linux, nothing to do.");
                return true;
            }

            string? systemLib = SystemLibstdcxx;
            if (string.IsNullOrEmpty(systemLib))
            {
                systemLib = GlibcxxRequirement.FindSystemLibstdcxx();
                if (systemLib == null)
                {
                    Log.LogMessage(MessageImportance.Low,
                        "WeakenGlibcxxRequirement: no libstdc++.so.6 in the usual places, nothing to do.");
                    return true;
                }
            }
            else if (!File.Exists(systemLib))
            {
                // An explicit path that is wrong would otherwise silently disable the check.
                Log.LogError($"WeakenGlibcxxRequirement: SystemLibstdcxx '{systemLib}' does not exist.");
                return false;
            }

            InstalledLibstdcxx system;
            try
            {
                system = InstalledLibstdcxx.Read(systemLib!);
            }
            catch (ElfCompatException e)
            {
                Log.LogError(e.Message);
                return false;
            }

            foreach (ITaskItem item in Libraries)
            {
                string path = Path.GetFullPath(item.ItemSpec);
                string? packageRoot = GlibcxxRequirement.FindEnclosingPackageFolder(path, NuGetPackageRoot);
                if (packageRoot != null)
                {
                    // The package folder is shared by every project and build on the machine, and
                    // NuGet verifies package contents against their hash: never write there.
                    Log.LogError($"WeakenGlibcxxRequirement: refusing to patch {path}: it is inside the NuGet package folder {packageRoot}; only build or publish output copies may be patched.");
                    continue;
                }

                try
                {
                    PatchOutcome outcome = GlibcxxRequirement.PatchFile(path, system);
                    Log.LogMessage(MessageImportance.Low, outcome.Describe());
                }
                catch (ElfCompatException e)
                {
                    Log.LogError(e.Message);
                }
                catch (IOException e)
                {
                    Log.LogError($"{path}: {e.Message}");
                }
                catch (UnauthorizedAccessException e)
                {
                    Log.LogError($"{path}: {e.Message}");
                }
            }

            return !Log.HasLoggedErrors;
        }
    }

    /// <summary>A file that is not what the patch expects; its message is a complete, single-line build error.</summary>
    public sealed class ElfCompatException : Exception
    {
        public ElfCompatException(string message) : base(message) { }
    }

    /// <summary>One Vernaux entry of .gnu.version_r: a version the library needs from one file.</summary>
    public sealed class NeededVersion
    {
        public NeededVersion(string file, string name, ushort flags, ushort index, int flagsOffset)
        {
            File = file;
            Name = name;
            Flags = flags;
            Index = index;
            FlagsOffset = flagsOffset;
        }

        /// <summary>vn_file: the library it is needed from, e.g. libstdc++.so.6.</summary>
        public string File { get; }
        public string Name { get; }
        /// <summary>vna_flags.</summary>
        public ushort Flags { get; }
        /// <summary>vna_other: the value .gnu.version holds for the symbols bound to this version.</summary>
        public ushort Index { get; }
        /// <summary>File offset of vna_flags, where the patch writes.</summary>
        public int FlagsOffset { get; }
        public bool IsWeak => (Flags & GlibcxxRequirement.VerFlagWeak) != 0;

        /// <summary>Dynamic symbols whose version is this one.</summary>
        public List<string> Symbols { get; } = new List<string>();

        /// <summary>Relocations that refer to one of <see cref="Symbols"/>, as "section[entry] -> symbol".</summary>
        public List<string> Relocations { get; } = new List<string>();
    }

    /// <summary>The versions a system libstdc++ defines (its .gnu.version_d).</summary>
    public sealed class InstalledLibstdcxx
    {
        public InstalledLibstdcxx(string path, IEnumerable<string> versions)
        {
            Path = path;
            Versions = new HashSet<string>(versions, StringComparer.Ordinal);
        }

        public string Path { get; }
        public HashSet<string> Versions { get; }

        /// <summary>The newest GLIBCXX_* it defines, for messages.</summary>
        public string NewestGlibcxx =>
            Versions.Where(v => v.StartsWith("GLIBCXX_", StringComparison.Ordinal))
                .OrderBy(v => v, GlibcxxRequirement.VersionNameComparer)
                .LastOrDefault() ?? "no GLIBCXX version";

        public static InstalledLibstdcxx Read(string path) =>
            new InstalledLibstdcxx(path, GlibcxxRequirement.ReadDefinedVersions(ReadAll(path), path));

        internal static byte[] ReadAll(string path)
        {
            try
            {
                return System.IO.File.ReadAllBytes(path);
            }
            catch (IOException e)
            {
                throw new ElfCompatException($"{path}: cannot be read: {e.Message}");
            }
        }
    }

    public enum PatchAction
    {
        /// <summary>The system libstdc++ defines every version the library needs.</summary>
        NothingMissing,
        /// <summary>Every missing version was already weak; the file was not written.</summary>
        AlreadyWeak,
        /// <summary>The file was rewritten with the missing versions marked weak.</summary>
        Weakened,
    }

    public sealed class PatchOutcome
    {
        public PatchOutcome(string path, PatchAction action, IReadOnlyList<NeededVersion> versions, InstalledLibstdcxx system)
        {
            Path = path;
            Action = action;
            Versions = versions;
            Libstdcxx = system;
        }

        public string Path { get; }
        public PatchAction Action { get; }
        /// <summary>The versions the system lacks (all safe to weaken, or the patch would have thrown).</summary>
        public IReadOnlyList<NeededVersion> Versions { get; }
        public InstalledLibstdcxx Libstdcxx { get; }

        public string Describe()
        {
            string names = string.Join(", ", Versions.Select(v => v.Name));
            string systemText = $"{Libstdcxx.Path}, up to {Libstdcxx.NewestGlibcxx}";
            switch (Action)
            {
                case PatchAction.NothingMissing:
                    return $"{Path}: this machine's libstdc++ ({systemText}) has every version it needs; left as is.";
                case PatchAction.AlreadyWeak:
                    return $"{Path}: {names} already weak; left as is.";
                default:
                    return $"{Path}: marked {names} weak (needed only by {GlibcxxRequirement.IosBaseInitMarker}, which no relocation uses) so it loads with this machine's libstdc++ ({systemText}).";
            }
        }
    }

    /// <summary>
    /// The ELF work, kept apart from MSBuild so tests call it directly. Only ELF64 little-endian
    /// shared objects are handled: that is what TorchSharp ships for linux-x64.
    /// </summary>
    public static class GlibcxxRequirement
    {
        /// <summary>GCC 13's iostream initialisation marker; the one symbol it is safe to leave unresolved.</summary>
        public const string IosBaseInitMarker = "_ZSt21ios_base_library_initv";

        public const ushort VerFlagWeak = 0x2;
        public const string LibstdcxxSoname = "libstdc++.so.6";

        public static readonly string[] DefaultSystemLibstdcxxPaths =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };

        public static readonly IComparer<string> VersionNameComparer = new VersionNameOrder();

        public static string? FindSystemLibstdcxx() => DefaultSystemLibstdcxxPaths.FirstOrDefault(File.Exists);

        /// <summary>
        /// The package folder <paramref name="path"/> lies in, or null. Checks the given root, the
        /// NUGET_PACKAGES override and the default ~/.nuget/packages, since the property is not
        /// always passed (tests, other callers).
        /// </summary>
        public static string? FindEnclosingPackageFolder(string path, string? nuGetPackageRoot)
        {
            var roots = new List<string>();
            if (!string.IsNullOrEmpty(nuGetPackageRoot)) roots.Add(nuGetPackageRoot!);
            string? fromEnvironment = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (!string.IsNullOrEmpty(fromEnvironment)) roots.Add(fromEnvironment!);
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (!string.IsNullOrEmpty(home)) roots.Add(Path.Combine(home, ".nuget", "packages"));

            string full = Path.GetFullPath(path);
            foreach (string root in roots)
            {
                string rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
                if (full.StartsWith(rootFull, StringComparison.Ordinal)) return rootFull;
            }
            return null;
        }

        /// <summary>The version names a library defines in .gnu.version_d (its own soname excluded).</summary>
        public static List<string> ReadDefinedVersions(byte[] image, string path)
        {
            var elf = new ElfFile(image, path);
            ElfSection verdef = elf.Require(ElfFile.ShtGnuVerdef, ".gnu.version_d");
            ElfSection strings = elf.Linked(verdef, ".gnu.version_d");

            var names = new List<string>();
            long entry = verdef.Offset;
            for (uint i = 0; i < verdef.Info; i++)
            {
                elf.CheckInside(verdef, entry, 20);
                ushort flags = elf.U16(entry + 2);
                uint firstAux = elf.U32(entry + 12);
                uint next = elf.U32(entry + 16);
                // The BASE entry names the file itself, not a version symbols can bind to.
                if ((flags & 0x1) == 0)
                {
                    elf.CheckInside(verdef, entry + firstAux, 8);
                    names.Add(elf.String(strings, elf.U32(entry + firstAux)));
                }
                if (next == 0) break;
                entry += next;
            }
            return names;
        }

        /// <summary>
        /// Every Vernaux entry of .gnu.version_r with the dynamic symbols bound to it and the
        /// relocations that refer to those symbols.
        /// </summary>
        public static List<NeededVersion> Inspect(byte[] image, string path)
        {
            var elf = new ElfFile(image, path);
            ElfSection verneed = elf.Require(ElfFile.ShtGnuVerneed, ".gnu.version_r");
            ElfSection versym = elf.Require(ElfFile.ShtGnuVersym, ".gnu.version");
            ElfSection dynsym = elf.Require(ElfFile.ShtDynsym, ".dynsym");
            ElfSection verneedStrings = elf.Linked(verneed, ".gnu.version_r");
            ElfSection symbolStrings = elf.Linked(dynsym, ".dynsym");

            var needed = new List<NeededVersion>();
            long entry = verneed.Offset;
            for (uint i = 0; i < verneed.Info; i++)
            {
                elf.CheckInside(verneed, entry, 16);
                ushort auxCount = elf.U16(entry + 2);
                string file = elf.String(verneedStrings, elf.U32(entry + 4));
                long aux = entry + elf.U32(entry + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    elf.CheckInside(verneed, aux, 16);
                    needed.Add(new NeededVersion(
                        file,
                        elf.String(verneedStrings, elf.U32(aux + 8)),
                        flags: elf.U16(aux + 4),
                        index: elf.U16(aux + 6),
                        flagsOffset: checked((int)(aux + 4))));
                    uint nextAux = elf.U32(aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = elf.U32(entry + 12);
                if (next == 0) break;
                entry += next;
            }

            long symbolCount = dynsym.Size / 24;
            if (versym.Size / 2 != symbolCount)
                throw elf.Error($".gnu.version has {versym.Size / 2} entries for {symbolCount} dynamic symbols");

            var byIndex = needed.GroupBy(n => n.Index).ToDictionary(g => g.Key, g => g.First());
            var symbolVersion = new Dictionary<long, NeededVersion>();
            var symbolName = new Dictionary<long, string>();
            for (long s = 0; s < symbolCount; s++)
            {
                // Bit 15 is the "hidden" flag; the rest is the version index.
                ushort index = (ushort)(elf.U16(versym.Offset + 2 * s) & 0x7fff);
                if (!byIndex.TryGetValue(index, out NeededVersion? version)) continue;
                string name = elf.String(symbolStrings, elf.U32(dynsym.Offset + 24 * s));
                version.Symbols.Add(name);
                symbolVersion[s] = version;
                symbolName[s] = name;
            }

            foreach (ElfSection relocations in elf.Sections.Where(r => (r.Type == ElfFile.ShtRela || r.Type == ElfFile.ShtRel) && r.Link == dynsym.Index))
            {
                int entrySize = relocations.Type == ElfFile.ShtRela ? 24 : 16;
                for (long r = 0; r < relocations.Size / entrySize; r++)
                {
                    long symbol = (long)(elf.U64(relocations.Offset + entrySize * r + 8) >> 32);
                    if (symbolVersion.TryGetValue(symbol, out NeededVersion? version))
                        version.Relocations.Add($"{relocations.Name}[{r}] -> {symbolName[symbol]}");
                }
            }
            return needed;
        }

        /// <summary>
        /// The libstdc++ versions the library needs that <paramref name="system"/> lacks. Throws
        /// unless each of them is safe to weaken: needed only by the iostream marker, and that
        /// symbol never looked up (no relocation refers to it), so leaving it unresolved is harmless.
        /// </summary>
        public static List<NeededVersion> MissingVersions(List<NeededVersion> needed, InstalledLibstdcxx system, string path)
        {
            var missing = needed
                .Where(n => n.File == LibstdcxxSoname && !system.Versions.Contains(n.Name))
                .ToList();

            var problems = new List<string>();
            foreach (NeededVersion version in missing)
            {
                var others = version.Symbols.Where(s => s != IosBaseInitMarker).ToList();
                if (others.Count > 0)
                    problems.Add($"{version.Name} for {Summarise(others)}");
                else if (version.Relocations.Count > 0)
                    problems.Add($"{version.Name} for {IosBaseInitMarker}, which relocation {Summarise(version.Relocations)} binds (so it is looked up, not just a marker)");
            }
            if (problems.Count > 0)
                throw new ElfCompatException(
                    $"{path} needs {string.Join("; and ", problems)}, which this machine's libstdc++ ({system.Path}, up to {system.NewestGlibcxx}) lacks; TorchSharp cannot load here.");
            return missing;
        }

        /// <summary>Sets VER_FLG_WEAK on the given versions; returns false when all already had it.</summary>
        public static bool Weaken(byte[] image, IEnumerable<NeededVersion> versions)
        {
            bool changed = false;
            foreach (NeededVersion version in versions.Where(v => !v.IsWeak))
            {
                ushort flags = (ushort)(version.Flags | VerFlagWeak);
                image[version.FlagsOffset] = (byte)flags;
                image[version.FlagsOffset + 1] = (byte)(flags >> 8);
                changed = true;
            }
            return changed;
        }

        /// <summary>
        /// Weakens what must be weakened in the file at <paramref name="path"/>, in place. Writes
        /// nothing when there is nothing to change.
        /// </summary>
        public static PatchOutcome PatchFile(string path, InstalledLibstdcxx system)
        {
            byte[] image = InstalledLibstdcxx.ReadAll(path);
            List<NeededVersion> missing = MissingVersions(Inspect(image, path), system, path);
            if (missing.Count == 0) return new PatchOutcome(path, PatchAction.NothingMissing, missing, system);
            if (!Weaken(image, missing)) return new PatchOutcome(path, PatchAction.AlreadyWeak, missing, system);
            ReplaceAtomically(path, image);
            return new PatchOutcome(path, PatchAction.Weakened, missing, system);
        }

        /// <summary>
        /// Writes beside the file and renames over it, so a reader (or a crash) never sees half a
        /// library, and so a hard link or symbolic link from the output to the package folder is
        /// replaced rather than written through.
        /// </summary>
        private static void ReplaceAtomically(string path, byte[] image)
        {
            string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            string temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            DateTime lastWrite = File.GetLastWriteTimeUtc(path);
            try
            {
                // Copying first is how to keep the file mode: netstandard has no chmod.
                File.Copy(path, temp);
                using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write))
                {
                    stream.Write(image, 0, image.Length);
                    stream.SetLength(image.Length);
                    stream.Flush(true);
                }
                // The SDK re-copies a copy-local file whose size or time differs from the package's,
                // and touches a marker that makes referencing projects rebuild. Keeping the time makes
                // the patched copy count as up to date, so incremental builds stay quiet.
                File.SetLastWriteTimeUtc(temp, lastWrite);
                File.Replace(temp, path, null);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        private static string Summarise(List<string> items) =>
            items.Count <= 3
                ? string.Join(", ", items)
                : string.Join(", ", items.Take(3)) + $" and {items.Count - 3} more";

        /// <summary>Orders GLIBCXX_3.4.9 before GLIBCXX_3.4.30, which ordinal order does not.</summary>
        private sealed class VersionNameOrder : IComparer<string>
        {
            public int Compare(string? x, string? y)
            {
                string[] a = (x ?? "").Split('_', '.');
                string[] b = (y ?? "").Split('_', '.');
                for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
                {
                    int order = int.TryParse(a[i], out int m) && int.TryParse(b[i], out int n)
                        ? m.CompareTo(n)
                        : string.CompareOrdinal(a[i], b[i]);
                    if (order != 0) return order;
                }
                return a.Length.CompareTo(b.Length);
            }
        }
    }

    internal sealed class ElfSection
    {
        public ElfSection(int index, string name, uint type, long offset, long size, uint link, uint info)
        {
            Index = index;
            Name = name;
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
        }

        public int Index { get; }
        public string Name { get; }
        public uint Type { get; }
        public long Offset { get; }
        public long Size { get; }
        public uint Link { get; }
        public uint Info { get; }
    }

    /// <summary>Bounds-checked reads of an ELF64 little-endian image through its section headers.</summary>
    internal sealed class ElfFile
    {
        public const uint ShtRela = 4;
        public const uint ShtRel = 9;
        public const uint ShtDynsym = 11;
        public const uint ShtGnuVerdef = 0x6ffffffd;
        public const uint ShtGnuVerneed = 0x6ffffffe;
        public const uint ShtGnuVersym = 0x6fffffff;
        private const uint ShtNobits = 8;

        private readonly byte[] _image;
        private readonly string _path;

        public ElfFile(byte[] image, string path)
        {
            _image = image;
            _path = path;

            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                throw Error("not an ELF file");
            if (image[4] != 2 || image[5] != 1)
                throw Error($"not ELF64 little-endian (class {image[4]}, data encoding {image[5]})");

            long headersOffset = (long)U64(0x28);
            ushort headerSize = U16(0x3a);
            long count = U16(0x3c);
            long namesIndex = U16(0x3e);
            if (headersOffset == 0) throw Error("no section headers");
            if (headerSize != 64) throw Error($"section header size {headerSize}, expected 64");
            CheckRange(headersOffset, 64, "section header 0");
            // Extended numbering: counts too big for the header live in section 0.
            if (count == 0) count = (long)U64(headersOffset + 32);
            if (namesIndex == 0xffff) namesIndex = U32(headersOffset + 40);
            CheckRange(headersOffset, count * 64, "section header table");

            var raw = new List<(uint Name, uint Type, long Offset, long Size, uint Link, uint Info)>();
            for (long i = 0; i < count; i++)
            {
                long h = headersOffset + 64 * i;
                uint type = U32(h + 4);
                long offset = (long)U64(h + 24);
                long size = type == ShtNobits ? 0 : (long)U64(h + 32);
                CheckRange(offset, size, $"section {i}");
                raw.Add((U32(h), type, offset, size, U32(h + 40), U32(h + 44)));
            }

            Sections = new List<ElfSection>();
            for (int i = 0; i < raw.Count; i++)
            {
                // Names only label messages; a file without .shstrtab is still usable.
                string name = $"section {i}";
                if (namesIndex > 0 && namesIndex < raw.Count)
                {
                    var names = raw[(int)namesIndex];
                    if (raw[i].Name < names.Size) name = CString(names.Offset + raw[i].Name, names.Offset + names.Size);
                }
                Sections.Add(new ElfSection(i, name, raw[i].Type, raw[i].Offset, raw[i].Size, raw[i].Link, raw[i].Info));
            }
        }

        public List<ElfSection> Sections { get; }

        public ElfSection Require(uint type, string name) =>
            Sections.FirstOrDefault(s => s.Type == type) ?? throw Error($"has no {name} section");

        public ElfSection Linked(ElfSection section, string name)
        {
            if (section.Link == 0 || section.Link >= Sections.Count)
                throw Error($"{name} links to section {section.Link}, which does not exist");
            return Sections[(int)section.Link];
        }

        public void CheckInside(ElfSection section, long offset, long length)
        {
            if (offset < section.Offset || offset + length > section.Offset + section.Size)
                throw Error($"{section.Name} has an entry outside the section (offset {offset})");
        }

        public string String(ElfSection strings, uint offset)
        {
            if (offset >= strings.Size) throw Error($"string offset {offset} is past the end of {strings.Name}");
            return CString(strings.Offset + offset, strings.Offset + strings.Size);
        }

        public ushort U16(long at)
        {
            CheckRange(at, 2, "a read");
            return (ushort)(_image[at] | _image[at + 1] << 8);
        }

        public uint U32(long at)
        {
            CheckRange(at, 4, "a read");
            return (uint)(_image[at] | _image[at + 1] << 8 | _image[at + 2] << 16 | _image[at + 3] << 24);
        }

        public ulong U64(long at) => U32(at) | (ulong)U32(at + 4) << 32;

        public ElfCompatException Error(string what) =>
            new ElfCompatException($"{_path}: {what}; cannot check its libstdc++ requirements.");

        private string CString(long start, long end)
        {
            long stop = start;
            while (stop < end && _image[stop] != 0) stop++;
            if (stop == end) throw Error($"unterminated string at offset {start}");
            return Encoding.UTF8.GetString(_image, (int)start, (int)(stop - start));
        }

        private void CheckRange(long offset, long length, string what)
        {
            if (offset < 0 || length < 0 || offset > _image.Length || length > _image.Length - offset)
                throw Error($"{what} lies outside the file ({_image.Length} bytes)");
        }
    }
}
