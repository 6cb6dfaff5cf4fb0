using System.Runtime.InteropServices;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests;

// The app asks libgomp to wait passively through the C library's environment (the one native code
// reads), and leaves alone whatever the user set. Environment.GetEnvironmentVariable returns the values the process
// started with, so it says what the user set.
[Collection(AppCollection.Name)]
public class NativeThreadsTests
{
    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr NativeGetEnvironmentVariable(string name);

    [Theory]
    [InlineData("OMP_WAIT_POLICY", "passive")]
    public void TheNativeEnvironmentGetsTheSettingUnlessTheUserChoseOne(string name, string setting)
    {
        var users = Environment.GetEnvironmentVariable(name);

        NativeThreads.WaitPassively();

        Assert.Equal(users ?? setting, Marshal.PtrToStringUTF8(NativeGetEnvironmentVariable(name)));
    }
}
