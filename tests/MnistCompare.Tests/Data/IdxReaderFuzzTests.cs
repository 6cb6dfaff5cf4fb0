using System.Diagnostics;
using MnistCompare.Data;
using Xunit.Abstractions;

namespace MnistCompare.Tests.Data;

// Thousands of damaged IDX files, raw and gzipped, from a fixed seed. The contract under test: each one either
// loads, and then exactly as the independent oracle reads it, or fails with IdxFormatException naming the file in
// one line. Anything else (another exception type, a wrong result, a crash of the test host) is a reader bug, and
// so is an allocation larger than the file can justify: a raw file's data is at most its own length, a gzip
// file's at most what it really decompresses to, whatever its header claims.
public sealed class IdxReaderFuzzTests : IDisposable
{
    private const int Seed = 20240611;
    private const int CaseCount = 12_000;

    // What a read may allocate besides the data: FileStream's 64 KiB buffer, GZipStream's, the header, messages.
    private const long AllocationSlack = 256 * 1024;

    // A gzip file's buffer doubles as data arrives, so up to about twice the data is allocated along the way and
    // the last buffer may be up to twice the data again.
    private const long GzipAllocationFactor = 4;

    // Each problem the reader reports; every one must be reached, or the fuzz is not testing what it claims to.
    private static readonly string[] ExpectedProblems =
    [
        "empty file", "truncated header", "bad magic", "unsupported data type", "bad rank", "every dimension must be at least 1",
        "implausible size", "truncated:", "trailing garbage", "corrupt gzip stream",
    ];

    private readonly TempDirectory temp = new();
    private readonly ITestOutputHelper output;

    public IdxReaderFuzzTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void EveryDamagedFileLoadsCorrectlyOrFailsWithAnIdxFormatException()
    {
        var rawPath = temp.File("fuzz-idx3-ubyte");
        var gzipPath = temp.File("fuzz-idx3-ubyte.gz");
        WarmUp();
        var failures = new List<string>();
        var problems = new Dictionary<string, int>();
        int loaded = 0, loadedGzip = 0, rejected = 0;
        var clock = Stopwatch.StartNew();
        // CPU time as well as wall time: on a busy machine the wall clock says little about the test's own cost.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;

        foreach (var fuzz in IdxFuzzCases.GenerateMany(Seed, CaseCount))
        {
            var path = fuzz.Gzipped ? gzipPath : rawPath;
            File.WriteAllBytes(path, fuzz.Bytes);
            // Content, not the name, makes the reader decompress: the budget follows the same rule.
            var isGzip = fuzz.Bytes.Length >= 2 && fuzz.Bytes[0] == 0x1F && fuzz.Bytes[1] == 0x8B;
            var gunzipped = isGzip ? IdxOracle.Gunzip(fuzz.Bytes) : default;
            var budget = AllocationSlack + (isGzip ? GzipAllocationFactor * gunzipped.Bytes.Length : fuzz.Bytes.Length);

            IdxFile? result = null;
            IdxFormatException? error = null;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                result = IdxReader.Read(path);
            }
            catch (IdxFormatException e)
            {
                error = e;
            }
            catch (Exception e)
            {
                failures.Add($"{fuzz.Describe()}: {e.GetType().Name}: {e.Message}");
                continue;
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (allocated > budget) failures.Add($"{fuzz.Describe()}: allocated {allocated} bytes, more than the {budget} it can justify");

            // What the file must load as: known for intact compression, otherwise whatever gzip really yields.
            var expected = fuzz.Raw is { } raw
                ? IdxOracle.Parse(raw)
                : gunzipped.Complete ? IdxOracle.Parse(gunzipped.Bytes) : null;
            if (error is not null)
            {
                rejected++;
                CheckError(fuzz, path, error, failures);
                foreach (var problem in ExpectedProblems.Where(p => error.Problem.Contains(p, StringComparison.Ordinal)))
                    problems[problem] = problems.GetValueOrDefault(problem) + 1;
                // A damaged gzip file may still be rejected (extra bytes, a second member); an intact one may not.
                if (fuzz.Raw is not null && expected is not null) failures.Add($"{fuzz.Describe()}: a valid file was rejected: {error.Message}");
                continue;
            }

            loaded++;
            if (isGzip) loadedGzip++;
            if (expected is not { } valid)
            {
                failures.Add($"{fuzz.Describe()}: loaded as {string.Join("×", result!.Dimensions)} but is not a valid IDX file");
            }
            else if (!result!.Dimensions.SequenceEqual(valid.Dimensions) || !result.Data.AsSpan().SequenceEqual(valid.Data) || result.IsGzip != isGzip)
            {
                failures.Add($"{fuzz.Describe()}: loaded as {string.Join("×", result.Dimensions)}, gzip {result.IsGzip}, " +
                             $"but the file holds {string.Join("×", valid.Dimensions)}");
            }
        }

        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        output.WriteLine($"{CaseCount} cases in {clock.Elapsed.TotalSeconds:F2} s ({cpu.TotalSeconds:F2} s CPU): " +
                         $"{loaded} loaded ({loadedGzip} gzipped), {rejected} rejected");
        foreach (var (problem, count) in problems.OrderBy(p => p.Key, StringComparer.Ordinal)) output.WriteLine($"  {count,6} {problem}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {CaseCount} cases failed:\n" + string.Join("\n", failures.Take(30)));
        // Guard against a generator that drifted into producing only one kind of input.
        Assert.InRange(loaded, CaseCount / 20, CaseCount / 2);
        Assert.InRange(loadedGzip, 1, loaded);
        Assert.All(ExpectedProblems, p => Assert.True(problems.ContainsKey(p), $"no case reached the check for '{p}'"));
    }

    [Fact]
    public void TheCasesAreTheSameOnEveryRun()
    {
        // A failure report names a case index; that is only useful if the index rebuilds the same bytes.
        var first = IdxFuzzCases.Generate(Seed, 1234);
        var again = IdxFuzzCases.Generate(Seed, 1234);
        Assert.Equal(first.Recipe, again.Recipe);
        Assert.Equal(first.Bytes, again.Bytes);
        Assert.NotEqual(first.Bytes, IdxFuzzCases.Generate(Seed + 1, 1234).Bytes);
    }

    private static void CheckError(IdxFuzzCase fuzz, string path, IdxFormatException error, List<string> failures)
    {
        if (error.FilePath != path || !error.Message.StartsWith(path + ": ", StringComparison.Ordinal))
            failures.Add($"{fuzz.Describe()}: the error does not name the file: {error.Message}");
        if (error.Message.Contains('\n') || error.Message.Contains('\r'))
            failures.Add($"{fuzz.Describe()}: the error is not one line: {error.Message}");
        if (string.IsNullOrWhiteSpace(error.Problem))
            failures.Add($"{fuzz.Describe()}: the error does not say what is wrong");
    }

    // The first read of each kind loads types and JITs code, which allocates; that is not the reader's doing.
    private void WarmUp()
    {
        var raw = IdxBytes.Labels(1, 2, 3);
        IdxReader.Read(temp.Write("warm-up", raw));
        IdxReader.Read(temp.Write("warm-up.gz", IdxBytes.Gzip(raw)));
        Assert.Throws<IdxFormatException>(() => IdxReader.Read(temp.Write("warm-up-bad", [0, 0, 8, 1, 0, 0, 0, 9])));
        Assert.Throws<IdxFormatException>(() => IdxReader.Read(temp.Write("warm-up-bad.gz", IdxBytes.Gzip(raw)[..^3])));
    }
}
