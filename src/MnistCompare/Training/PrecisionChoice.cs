using MnistCompare.Model;

namespace MnistCompare.Training;

// The precision a new run trains in. bf16 only pays on a CPU that computes bfloat16 in hardware; elsewhere the run
// says so and trains in fp32 (and config.json records fp32, what the run did), unless the user insists. A resumed
// run never comes here: it keeps the precision its config.json recorded, so one training never mixes the two.
public static class PrecisionChoice
{
    public static RunSettings ForThisMachine(RunSettings settings, bool insist, bool fastBf16, Action<string> note)
    {
        if (settings.Precision != Precision.Bf16 || settings.Device != "cpu" || fastBf16) return settings;
        if (insist)
        {
            note("this CPU has no fast bfloat16 (" + string.Join(" or ", FastBf16.CpuFlags) + "); training in bf16 as insisted, likely slower than fp32");
            return settings;
        }
        note("this CPU has no fast bfloat16 (" + string.Join(" or ", FastBf16.CpuFlags) + "), so --precision bf16 would be slower: " +
             "training in fp32 (--insist-precision keeps bf16)");
        return settings with { Precision = Precision.Fp32 };
    }
}
