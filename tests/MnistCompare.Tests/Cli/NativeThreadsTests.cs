using System.Runtime.InteropServices;

namespace MnistCompare.Tests.Cli;

// The app asks libgomp and OpenBLAS to wait passively through the C library's environment (the one native code
// reads), and leaves alone whatever the user set. Environment.GetEnvironmentVariable returns the values the process
// started with, so it says what the user set.
[Collection(AppCollection.Name)]
public class NativeThreadsTests
{
    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr NativeGetEnvironmentVariable(string name);

    [Theory]
    [InlineData("OMP_WAIT_POLICY", "passive")]
    [InlineData("OPENBLAS_NUM_THREADS", "1")]
    public void The_native_environment_gets_the_setting_unless_the_user_chose_one(string name, string setting)
    {
        var users = Environment.GetEnvironmentVariable(name);

        NativeThreads.WaitPassively();

        Assert.Equal(users ?? setting, Marshal.PtrToStringUTF8(NativeGetEnvironmentVariable(name)));
    }
}
