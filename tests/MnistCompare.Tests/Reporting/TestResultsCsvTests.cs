using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;
using MnistCompare.Training;

namespace MnistCompare.Tests.Reporting;


// test.csv: the final test evaluations of a --validation holdout run, read back by --resume.
public sealed class TestResultsCsvTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void RoundTripsEveryName()
    {
        var results = new Dictionary<(string, long), LossAndAccuracy>
        {
            [("relu", 1)] = new(0.1 + 0.2, 0.9876),
            [("leaky-relu:0.2", 2)] = new(1e-5, 1),
            // The one parameter with a comma, as `-a softplus:2,10` gives it.
            [("softplus:2,10", 1)] = new(0.25, 0.5),
        };

        TestResultsCsv.Write(temp["test.csv"], results);

        Assert.Equal(results, TestResultsCsv.Read(temp["test.csv"]));
        Assert.Equal("activation,seed,test_loss,test_acc", File.ReadLines(temp["test.csv"]).First());
    }

    [Theory]
    [InlineData("activation,seed\n")]
    [InlineData("activation,seed,test_loss,test_acc\nrelu,1,0.5\n")]
    [InlineData("activation,seed,test_loss,test_acc\nrelu,x,0.5,0.9\n")]
    public void AMalformedFileIsInvalidData(string contents)
    {
        File.WriteAllText(temp["test.csv"], contents);
        Assert.StartsWith(temp["test.csv"] + ": line ", Assert.Throws<InvalidDataException>(() => TestResultsCsv.Read(temp["test.csv"])).Message);
    }

    public void Dispose() => temp.Dispose();
}
