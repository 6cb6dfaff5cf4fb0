using System.Runtime.CompilerServices;

namespace MnistCompare.Tests;

// Tests run the app in this process and as separate processes, and compare the results bit for bit. The app sets
// the native threading variables when it starts, before libtorch loads (one OpenBLAS thread changes how the linear
// layers sum); here another test may load libtorch before the first App.Run, so the test host sets them first.
internal static class TestHostStart
{
#pragma warning disable CA2255 // a test host, not a library: this is the one place that runs before every test
    [ModuleInitializer]
    internal static void StartLikeTheApp() => NativeThreads.WaitPassively();
#pragma warning restore CA2255
}
