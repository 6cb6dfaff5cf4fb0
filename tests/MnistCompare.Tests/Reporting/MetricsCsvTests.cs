using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;
using MnistCompare.Training;

namespace MnistCompare.Tests.Reporting;

public sealed class MetricsCsvTests : IDisposable
{
    private readonly TempFolder folder = new();

    private static readonly EpochMetrics[] Rows =
    [
        new("relu", 1, 1, 0.1 + 0.2, 0.9375, 0.123456789012345678, 0.98, 12.5),
        new("leaky-relu:0.2", 2, 3, 1e-300, 1, 2.5e10, 0.1135, 0.001),
        new("relu", 3, 1, double.NaN, double.NaN, double.NaN, double.NaN, 1.4, Diverged: true, DivergedAtBatch: 17),
        new("softplus:2,10", 1, 1, 0.5, 0.5, 0.5, 0.5, 1),
        new("odd\"name", long.MaxValue, int.MaxValue, double.PositiveInfinity, 0, double.NegativeInfinity, 0, 0),
    ];

    [Fact]
    public void FormatWritesTheHeaderAndOneLinePerRow()
    {
        var lines = MetricsCsv.Format(Rows.Take(3)).Split(Environment.NewLine);
        Assert.Equal(RunFiles.MetricsHeader, lines[0]);
        Assert.Equal("relu,1,1,0.30000000000000004,0.9375,0.12345678901234568,0.98,12.5,false,", lines[1]);
        Assert.Equal("leaky-relu:0.2,2,3,1E-300,1,25000000000,0.1135,0.001,false,", lines[2]);
        Assert.Equal("relu,3,1,NaN,NaN,NaN,NaN,1.4,true,17", lines[3]);
        Assert.Equal("", lines[4]);
    }

    [Fact]
    public void NamesWithACommaOrQuoteAreQuoted()
    {
        var lines = MetricsCsv.Format(Rows.Skip(3)).Split(Environment.NewLine);
        Assert.StartsWith("\"softplus:2,10\",1,1,", lines[1]);
        Assert.StartsWith("\"odd\"\"name\",", lines[2]);
    }

    [Fact]
    public void WriteThenReadGivesTheSameRowsBitForBit()
    {
        MetricsCsv.Write(folder["metrics.csv"], Rows);
        var read = MetricsCsv.Read(folder["metrics.csv"]);
        // Record equality compares doubles with Equals, under which NaN equals NaN.
        Assert.Equal(Rows, read);
        Assert.Equal(Rows.Select(r => BitConverter.DoubleToInt64Bits(r.ValLoss)), read.Select(r => BitConverter.DoubleToInt64Bits(r.ValLoss)));
    }

    [Fact]
    public void AnEmptyRunIsJustTheHeader()
    {
        MetricsCsv.Write(folder["metrics.csv"], []);
        Assert.Equal(RunFiles.MetricsHeader + Environment.NewLine, File.ReadAllText(folder["metrics.csv"]));
        Assert.Empty(MetricsCsv.Read(folder["metrics.csv"]));
    }

    [Fact]
    public void BlankLinesAreSkipped()
    {
        File.WriteAllText(folder["metrics.csv"], RunFiles.MetricsHeader + "\n\nrelu,1,1,0.5,0.5,0.5,0.5,1,false,\n\n");
        Assert.Single(MetricsCsv.Read(folder["metrics.csv"]));
    }

    [Theory]
    [InlineData("activation,seed,epoch\nrelu,1,1\n", "line 1: expected the header")]
    [InlineData("", "line 1: expected the header")]
    [InlineData(RunFiles.MetricsHeader + "\nrelu,1,1,0.5,0.5,0.5,0.5,1,false,\nrelu,1,2,0.5,0.5\n", "line 3: expected 10 columns, found 5")]
    [InlineData(RunFiles.MetricsHeader + "\nrelu,1,1,NaN,NaN,NaN,NaN,1,true,x\n", "line 2:")]
    [InlineData(RunFiles.MetricsHeader + "\nrelu,1,1,NaN,NaN,NaN,NaN,1,true,-3\n", "line 2:")]
    [InlineData(RunFiles.MetricsHeader + "\nrelu,1,99999999999,0.5,0.5,0.5,0.5,1,false,\n", "line 2:")]
    [InlineData(RunFiles.MetricsHeader + "\nrelu,one,1,0.5,0.5,0.5,0.5,1,false,\n", "line 2:")]
    [InlineData(RunFiles.MetricsHeader + "\nrelu,1,1,0.5,0.5,0.5,0.5,1,false,\nrelu,1,2,0,5,0.5,0.5,0.5,1,false,\n", "line 3: expected 10 columns, found 11")]
    [InlineData(RunFiles.MetricsHeader + "\nrelu,1,1,0.5,0.5,0.5,0.5,1,maybe,\n", "line 2:")]
    [InlineData(RunFiles.MetricsHeader + "\nrelu,1,1,0.5,0.5,0.5,0.5,1,false,\nrelu,1,2,0.5,0.5,abc,0.5,1,false,\n", "line 3:")]
    public void AMalformedFileIsInvalidDataNamingTheFileAndLine(string contents, string expected)
    {
        File.WriteAllText(folder["metrics.csv"], contents);
        var e = Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(folder["metrics.csv"]));
        Assert.StartsWith(folder["metrics.csv"] + ": ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AFileWrittenBeforeTheDivergedBatchWasRecordedStillReads()
    {
        // Runs started by an older version are resumed and plotted; their rows just lack the batch.
        File.WriteAllText(folder["metrics.csv"],
            "activation,seed,epoch,train_loss,train_acc,val_loss,val_acc,seconds,diverged\nrelu,1,1,0.5,0.5,0.5,0.5,1,false\nelu,1,1,NaN,NaN,NaN,NaN,2,true\n");
        var rows = MetricsCsv.Read(folder["metrics.csv"]);
        Assert.Equal([new EpochMetrics("relu", 1, 1, 0.5, 0.5, 0.5, 0.5, 1), new EpochMetrics("elu", 1, 1, double.NaN, double.NaN, double.NaN, double.NaN, 2, true)], rows);
        // A row of the old width under the new header is still an error.
        File.WriteAllText(folder["metrics.csv"], RunFiles.MetricsHeader + "\nrelu,1,1,0.5,0.5,0.5,0.5,1,false\n");
        Assert.Contains("line 2: expected 10 columns, found 9", Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(folder["metrics.csv"])).Message);
    }

    [Fact]
    public void AMissingFileIsFileNotFound() =>
        Assert.Contains("no such file", Assert.Throws<FileNotFoundException>(() => MetricsCsv.Read(folder["absent.csv"])).Message);

    public void Dispose() => folder.Dispose();
}
