using MnistCompare.Data;

namespace MnistCompare.Tests.Data;

public sealed class DatasetLocatorTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    // A fake checkout: MnistCompare.sln at the top, data/mnist below it, and a deep bin folder to search from.
    private string MakeCheckout(bool withData)
    {
        File.WriteAllText(temp.File(DatasetLocator.SolutionFileName), "");
        if (withData)
        {
            Directory.CreateDirectory(temp.File(Path.Combine("data", "mnist")));
        }
        var bin = temp.File(Path.Combine("src", "MnistCompare", "bin", "Debug", "net10.0"));
        Directory.CreateDirectory(bin);
        return bin;
    }

    [Fact]
    public void MnistIsDataMnistUnderTheRepositoryRoot()
    {
        var bin = MakeCheckout(withData: true);
        var locator = new DatasetLocator(null, [bin]);

        var source = locator.Locate("mnist");

        Assert.Equal(temp.Path, locator.FindRepositoryRoot());
        Assert.Equal(temp.File(Path.Combine("data", "mnist")), source.Directory);
        Assert.Equal("mnist", source.Name);
    }

    [Fact]
    public void TheRootIsFoundFromTheSecondStartWhenTheFirstIsOutsideTheCheckout()
    {
        var bin = MakeCheckout(withData: true);
        using var elsewhere = new TempDirectory();

        Assert.Equal(temp.Path, new DatasetLocator(null, [elsewhere.Path, bin]).FindRepositoryRoot());
    }

    [Fact]
    public void TheAppFindsTheRealCheckoutFromItsOwnFolder()
    {
        var root = DatasetLocator.FromEnvironment().FindRepositoryRoot();

        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, DatasetLocator.SolutionFileName)));
    }

    [Fact]
    public void TheEnvironmentVariableOverridesDataMnist()
    {
        var bin = MakeCheckout(withData: true);
        using var elsewhere = new TempDirectory();

        var source = new DatasetLocator(elsewhere.Path, [bin]).Locate("mnist");

        Assert.Equal(elsewhere.Path, source.Directory);
    }

    [Fact]
    public void AnEmptyEnvironmentVariableIsIgnored()
    {
        var bin = MakeCheckout(withData: true);

        Assert.Equal(temp.File(Path.Combine("data", "mnist")), new DatasetLocator("", [bin]).Locate("mnist").Directory);
    }

    [Fact]
    public void AMissingDataMnistSaysToRunSetup()
    {
        var bin = MakeCheckout(withData: false);

        var e = Assert.Throws<DatasetNotFoundException>(() => new DatasetLocator(null, [bin]).Locate("mnist"));

        var expectedPath = temp.File(Path.Combine("data", "mnist"));
        Assert.Equal(expectedPath, e.Path);
        Assert.Equal($"dataset 'mnist' not found: {expectedPath} does not exist; run scripts/setup.sh to download MNIST into data/mnist", e.Message);
    }

    [Fact]
    public void AMissingOverrideFolderNamesTheVariableAndSetup()
    {
        var missing = temp.File("nowhere");

        var e = Assert.Throws<DatasetNotFoundException>(() => new DatasetLocator(missing, [temp.Path]).Locate("mnist"));

        Assert.Contains(missing, e.Message);
        Assert.Contains(DatasetLocator.MnistDirectoryVariable, e.Message);
        Assert.Contains("scripts/setup.sh", e.Message);
    }

    [Fact]
    public void NoCheckoutAboveEitherStartSaysHowToFixIt()
    {
        // The temp folder has no MnistCompare.sln above it (unless the system's temp lies inside a checkout).
        var e = Assert.Throws<DatasetNotFoundException>(() => new DatasetLocator(null, [temp.Path]).Locate("mnist"));

        Assert.Contains($"no {DatasetLocator.SolutionFileName} above {temp.Path}", e.Message);
        Assert.Contains("scripts/setup.sh", e.Message);
        Assert.Contains(DatasetLocator.MnistDirectoryVariable, e.Message);
    }

    [Fact]
    public void FashionIsTheDebianPackagesFolder()
    {
        var source = new DatasetLocator(null, [temp.Path]).Locate("fashion");

        Assert.Equal(DatasetLocator.FashionDirectory, source.Directory);
        Assert.Contains("dataset-fashion-mnist", source.SetupHint);
        Assert.Contains("scripts/setup.sh", source.SetupHint);
    }

    [Fact]
    public void AnyOtherValueIsADirectory()
    {
        IdxBytes.WriteDataset(temp.File("mine"));

        var source = new DatasetLocator(null, [temp.Path]).Locate(temp.File("mine"));

        Assert.Equal(temp.File("mine"), source.Directory);
    }

    [Fact]
    public void AMissingExplicitFolderNamesThePathAndSetup()
    {
        var missing = temp.File("not-here");

        var e = Assert.Throws<DatasetNotFoundException>(() => new DatasetLocator(null, [temp.Path]).Locate(missing));

        Assert.Equal(missing, e.Path);
        Assert.StartsWith($"dataset '{missing}' not found: {missing} does not exist; ", e.Message);
        Assert.Contains("scripts/setup.sh", e.Message);
    }

    [Fact]
    public void AnEmptyNameIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new DatasetLocator(null, [temp.Path]).Locate(" "));
    }
}
