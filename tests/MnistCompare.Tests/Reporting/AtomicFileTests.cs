using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Reporting;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void WritesUtf8WithoutBomAndLeavesNoTemporaryFile()
    {
        AtomicFile.WriteAllText(temp["a.md"], "±0.5 – ok\n");
        Assert.Equal("±0.5 – ok\n"u8.ToArray(), File.ReadAllBytes(temp["a.md"]));
        Assert.Equal(["a.md"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ReplacesTheContentOfAnExistingFile()
    {
        File.WriteAllText(temp["a.csv"], new string('x', 10_000));
        AtomicFile.WriteAllText(temp["a.csv"], "short");
        Assert.Equal("short", File.ReadAllText(temp["a.csv"]));
        Assert.Equal(["a.csv"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AFailedWriteKeepsTheOldFileAndRemovesTheTemporaryOne()
    {
        File.WriteAllText(temp["a.csv"], "old");
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(temp["a.csv"], stream =>
        {
            stream.Write("half of the new"u8);
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("disk full", e.Message);
        Assert.Equal("old", File.ReadAllText(temp["a.csv"]));
        Assert.Equal(["a.csv"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AMissingDirectoryIsAnIOError() =>
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(temp["missing/a.csv"], "x"));

    public void Dispose() => temp.Dispose();
}
