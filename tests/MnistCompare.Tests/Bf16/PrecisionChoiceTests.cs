using Precision = MnistCompare.Model.Precision;
using MnistCompare.Model;
using MnistCompare.Training;

namespace MnistCompare.Tests.Bf16;

// Which precision a new run trains in, given what /proc/cpuinfo says about the CPU.
public sealed class PrecisionChoiceTests
{
    private const string Zen4Flags = "processor\t: 0\nflags\t\t: fpu sse2 avx2 fma avx512f avx512bw avx512_bf16 avx512_vnni\nbogomips\t: 5192.25\n";
    private const string SapphireRapidsFlags = "flags\t\t: avx512f avx512_fp16 amx_bf16 amx_tile amx_int8\n";
    private const string SkylakeFlags = "processor\t: 0\nflags\t\t: fpu sse2 avx2 fma avx512f avx512bw avx512_vnni\n";

    [Theory]
    [InlineData(Zen4Flags, true)]
    [InlineData(SapphireRapidsFlags, true)]
    [InlineData(SkylakeFlags, false)]
    [InlineData("", false)]
    // A flag's name inside another one is not the flag.
    [InlineData("flags\t: xavx512_bf16 amx_bf16x\n", false)]
    public void FastBf16IsReadFromTheFlagsLine(string cpuinfo, bool expected) => Assert.Equal(expected, FastBf16.InCpuInfo(cpuinfo));

    [Fact]
    public void Bf16StaysOnACpuWithFastBf16WithoutANote()
    {
        var notes = new List<string>();

        var chosen = PrecisionChoice.ForThisMachine(new RunSettings { Precision = Precision.Bf16 }, insist: false, fastBf16: true, notes.Add);

        Assert.Equal(Precision.Bf16, chosen.Precision);
        Assert.Empty(notes);
    }

    [Fact]
    public void WithoutFastBf16TheRunSaysSoInOneLineAndTrainsInFp32()
    {
        var notes = new List<string>();

        var chosen = PrecisionChoice.ForThisMachine(new RunSettings { Precision = Precision.Bf16 }, insist: false, fastBf16: false, notes.Add);

        Assert.Equal(Precision.Fp32, chosen.Precision);
        var note = Assert.Single(notes);
        Assert.Contains("no fast bfloat16", note);
        Assert.Contains("--insist-precision", note);
        Assert.DoesNotContain('\n', note);
    }

    [Fact]
    public void InsistingKeepsBf16OnACpuWithoutFastBf16()
    {
        var notes = new List<string>();

        var chosen = PrecisionChoice.ForThisMachine(new RunSettings { Precision = Precision.Bf16 }, insist: true, fastBf16: false, notes.Add);

        Assert.Equal(Precision.Bf16, chosen.Precision);
        Assert.Contains("as insisted", Assert.Single(notes));
    }

    [Fact]
    public void Fp32IsNeverChanged()
    {
        var notes = new List<string>();
        var settings = new RunSettings();

        Assert.Same(settings, PrecisionChoice.ForThisMachine(settings, insist: false, fastBf16: false, notes.Add));
        Assert.Empty(notes);
    }
}
