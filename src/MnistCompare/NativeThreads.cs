using System.Runtime.InteropServices;

namespace MnistCompare;

// How libtorch's helper threads wait, chosen for the small ops of a batch-128 step on few cores. By default
// libgomp's threads spin after every parallel region and OpenBLAS runs the linear layers on threads of its own, so
// on this 2-core machine a third busy thread fought the two doing the work: with OMP_WAIT_POLICY=passive and
// OPENBLAS_NUM_THREADS=1 a ReLU epoch spent about 11% less time training and 15% less validating
// (docs/performance.md). One OpenBLAS thread also makes results depend on --threads alone, not on the machine's CPU
// count (OpenBLAS's default); on many cores the linear layers, a tenth of the work, give up their own threads for
// it. Both libraries read these variables once, when they are loaded, so this must run before the first call into
// libtorch. A value the user set is kept.
internal static class NativeThreads
{
    private static readonly (string Name, string Value)[] Settings =
    {
        ("OMP_WAIT_POLICY", "passive"),
        ("OPENBLAS_NUM_THREADS", "1"),
    };

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetNativeEnvironmentVariable(string name, string value, int overwrite);

    public static void WaitPassively()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            // .NET keeps its own copy of the environment; the native libraries read the C library's.
            foreach (var (name, value) in Settings) SetNativeEnvironmentVariable(name, value, overwrite: 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: keep the libraries' defaults.
        }
    }
}
