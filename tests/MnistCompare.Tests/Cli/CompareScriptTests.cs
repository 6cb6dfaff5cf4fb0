using System.Diagnostics;
using MnistCompare.Data;

namespace MnistCompare.Tests.Cli;

// scripts/compare.sh runs the app from the caller's directory, so that relative paths (--out, --data, plot's
// folders) are the caller's. The `dotnet` it starts is a stand-in on PATH that records its directory and arguments:
// what is under test is the script, not the app.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CompareScriptTests
{
    [Fact]
    public void TheAppRunsInTheCallersDirectoryWithTheArgumentsUntouched()
    {
        var root = DatasetLocator.FromEnvironment().FindRepositoryRoot()!;
        using var temp = new TempFolder("mnistcompare-script-");
        var bin = Directory.CreateDirectory(temp["bin"]).FullName;
        var record = temp["dotnet-call"];
        // setup.sh asks `dotnet --list-sdks` for a .NET 10 SDK; everything else is the call to record.
        File.WriteAllText(Path.Combine(bin, "dotnet"),
            "#!/bin/sh\n" +
            "if [ \"$1\" = --list-sdks ]; then echo '10.0.100 [/usr/share/dotnet/sdk]'; exit 0; fi\n" +
            $"{{ pwd; for a in \"$@\"; do echo \"$a\"; done; }} > '{record}'\n");
        File.SetUnixFileMode(Path.Combine(bin, "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var caller = Directory.CreateDirectory(temp["experiments"]).FullName;

        var start = new ProcessStartInfo(Path.Combine(root, "scripts", "compare.sh")) { WorkingDirectory = caller, RedirectStandardError = true };
        foreach (var arg in new[] { "--resume", "--out", "myrun" }) start.ArgumentList.Add(arg);
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        using (var script = Process.Start(start)!)
        {
            var error = script.StandardError.ReadToEnd();
            script.WaitForExit();
            Assert.True(script.ExitCode == 0, error);
        }

        Assert.Equal([caller, "run", "-c", "Release", "--project", Path.Combine(root, "src", "MnistCompare"), "--", "--resume", "--out", "myrun"],
            File.ReadAllLines(record));
    }
}
