using MnistCompare.Evaluation;
using MnistCompare.Reporting;
using MnistCompare.Reporting.Diagnostics;
using MnistCompare.Tests.Cli;
using MnistCompare.Workers;

namespace MnistCompare.Tests.Evaluation;

public sealed class DiagnosticsFilesTests
{
    private static readonly LayerDiagnostics[] Rows =
    [
        new("relu", 1, 1, "conv1", 0.12, 0.3, 0.03125, 0.5, 0.21),
        new("maxout:3", 1, 1, "fc1", -0.5, 1.25, 0, double.NaN, 1e-7),
        new("softplus:2,10", 2, 3, "conv2", 0.1, 0.2, 0.0, 0.25, 3.5),
    ];

    [Fact]
    public void DiagnosticsCsvRoundTripsEveryFigureIncludingTheMissingSaturation()
    {
        using var folder = new TempFolder();
        DiagnosticsCsv.Write(folder["diagnostics.csv"], Rows);
        Assert.Equal(Rows, DiagnosticsCsv.Read(folder["diagnostics.csv"]));
        Assert.Contains("maxout:3,1,1,fc1,-0.5,1.25,0,,1E-07", File.ReadAllText(folder["diagnostics.csv"]));
    }

    [Fact]
    public void ADamagedDiagnosticsCsvNamesTheFileAndTheLine()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["diagnostics.csv"], DiagnosticsCsv.Format(Rows).Replace("0.21", "zero", StringComparison.Ordinal));
        var error = Assert.Throws<InvalidDataException>(() => DiagnosticsCsv.Read(folder["diagnostics.csv"]));
        Assert.StartsWith($"{folder["diagnostics.csv"]}: line 2:", error.Message);
    }

    [Fact]
    public void AWorkerMessageCarriesTheDiagnosticsWithTheirNotANumbers()
    {
        var line = new WorkerMessage { Diagnostics = Rows }.ToLine();
        var parsed = WorkerMessage.Parse(line);
        Assert.Equal(Rows, parsed!.Diagnostics);
        Assert.Null(parsed.Epoch);
    }

    [Fact]
    public void BothFiguresAreDrawnAsPngFiles()
    {
        using var folder = new TempFolder();
        DiagnosticsFigures.Render(new RunFolder(folder.Path), Rows);
        foreach (var name in DiagnosticsFigures.FileNames)
        {
            var bytes = File.ReadAllBytes(folder[name]);
            Assert.True(bytes.Length > 10_000, $"{name} has {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
    }
}
