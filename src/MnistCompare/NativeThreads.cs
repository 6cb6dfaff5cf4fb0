using System.Runtime.InteropServices;

namespace MnistCompare;

// How libtorch's helper threads wait, chosen for the small ops of a batch-128 step on few cores. By default the
// threads of libgomp (libtorch 2.10 brings its own copy) spin after every parallel region, competing with the threads
// doing the work: on libtorch 1.13 with OMP_WAIT_POLICY=passive a ReLU epoch spent about 11% less time training and
// 15% less validating (docs/performance.md). libtorch 2.10 has MKL built in and no OpenBLAS, so the OpenBLAS thread
// count this also set once no longer applies. libgomp reads the variable once, when it is loaded, so this must run
// before the first call into libtorch. A value the user set is kept, which is also how to measure without it
// (OMP_WAIT_POLICY=active).
internal static class NativeThreads
{
    private static readonly (string Name, string Value)[] Settings =
    {
        ("OMP_WAIT_POLICY", "passive"),
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
