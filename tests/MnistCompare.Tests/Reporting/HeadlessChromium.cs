using System.Diagnostics;

namespace MnistCompare.Tests.Reporting;

// What Chromium made of a page: its stderr log (console messages included) and, per call, the screenshot or the DOM.
public sealed record ChromiumResult(int ExitCode, string Output, string Log)
{
    // Chromium logs every console message of the page as a "CONSOLE" line ("Uncaught …", a load refused by the
    // page's Content-Security-Policy, a failed fetch); a clean page logs none. Its own noise (no D-Bus in a
    // container) is not about the page.
    public IReadOnlyList<string> PageProblems => Log.Split('\n')
        .Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal) ||
                    l.Contains("net::ERR_", StringComparison.Ordinal))
        .ToList();
}

// Debian's Chromium, headless, on its command line: no browser download, no driver. When it is missing and the
// tests run as root (as CI does), it is installed from Debian once; otherwise the test fails saying how to get it,
// rather than passing without having looked at the page.
public static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly Lazy<string> Installed = new(Install);

    public static ChromiumResult Screenshot(string page, string png, int width, int height) =>
        Run(page, $"--screenshot={png}", $"--window-size={width},{height}");

    public static ChromiumResult DumpDom(string page) => Run(page, "--dump-dom");

    private static ChromiumResult Run(string page, params string[] action)
    {
        var executable = Installed.Value;
        var profile = Directory.CreateTempSubdirectory("mnistcompare-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                     }.Concat(action))
            {
                start.ArgumentList.Add(argument);
            }
            start.ArgumentList.Add(new Uri(page).AbsoluteUri);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var log = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish loading {page} within 120 s");
            }
            return new ChromiumResult(process.ExitCode, output.Result, log.Result);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A helper process of Chromium's may still be closing its files; a leftover temp folder fails nothing.
            }
        }
    }

    private static string Install()
    {
        if (File.Exists(Executable)) return Executable;
        if (Environment.UserName != "root")
            Assert.Fail($"{Executable} is missing and the tests do not run as root to install it; install it with: sudo apt-get install chromium");
        // Other processes may be using apt at the same moment: wait for its lock instead of failing.
        var install = Process.Start(new ProcessStartInfo("apt-get", "-o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" },
        })!;
        var output = install.StandardOutput.ReadToEndAsync();
        var error = install.StandardError.ReadToEndAsync();
        install.WaitForExit();
        if (install.ExitCode != 0 || !File.Exists(Executable))
            Assert.Fail($"apt-get install chromium failed (exit {install.ExitCode}): {error.Result}{output.Result[^Math.Min(2000, output.Result.Length)..]}");
        return Executable;
    }
}
