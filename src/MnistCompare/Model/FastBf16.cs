namespace MnistCompare.Model;

// Whether this CPU does bfloat16 arithmetic in hardware: AVX-512 BF16 (dot products of bfloat16 pairs, AMD Zen 4,
// Intel Cooper Lake and later) or AMX. Without either, libtorch emulates bfloat16 in float32 with conversions around
// every op, which is slower than plain float32, so a bf16 run is only worth it where this says yes.
public static class FastBf16
{
    public static readonly string[] CpuFlags = { "avx512_bf16", "amx_bf16" };

    public static bool OnThisCpu()
    {
        try
        {
            return OperatingSystem.IsLinux() && InCpuInfo(File.ReadAllText("/proc/cpuinfo"));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    // /proc/cpuinfo's text: the flags line of the first processor (every core of a machine has the same).
    public static bool InCpuInfo(string cpuinfo)
    {
        var flags = cpuinfo.Split('\n').FirstOrDefault(line => line.StartsWith("flags", StringComparison.Ordinal) && line.Contains(':'));
        if (flags is null) return false;
        var names = flags[(flags.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return names.Any(name => CpuFlags.Contains(name));
    }
}
