namespace MnistCompare.Data;

// Turns a --dataset value into a folder: "mnist" (the repository's data/mnist, or $MNISTCOMPARE_DATA),
// "fashion" (the Debian package's folder), or any other value taken as a directory path. Names win over
// directories, so a folder literally called "mnist" in the current directory is reached as "./mnist".
public sealed class DatasetLocator
{
    public const string MnistName = "mnist";
    public const string FashionName = "fashion";

    // Points at the folder holding the four MNIST files, replacing data/mnist (e.g. for a shared read-only copy).
    public const string MnistDirectoryVariable = "MNISTCOMPARE_DATA";

    public const string SolutionFileName = "MnistCompare.sln";
    public const string FashionDirectory = "/usr/share/datasets/fashion-mnist";
    public const string FashionPackage = "dataset-fashion-mnist";

    private readonly string? mnistDirectoryOverride;
    private readonly IReadOnlyList<string> rootSearchStarts;

    // Explicit inputs instead of reading the environment here, so tests need not mutate process-wide state.
    public DatasetLocator(string? mnistDirectoryOverride, IEnumerable<string> rootSearchStarts)
    {
        this.mnistDirectoryOverride = string.IsNullOrWhiteSpace(mnistDirectoryOverride) ? null : mnistDirectoryOverride;
        this.rootSearchStarts = rootSearchStarts.ToArray();
    }

    // The app's locator: $MNISTCOMPARE_DATA, and the repository root searched from the executable's folder (the
    // usual case: bin/ lies inside the checkout) and then from the current directory (a copied or published app).
    public static DatasetLocator FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(MnistDirectoryVariable), [AppContext.BaseDirectory, Directory.GetCurrentDirectory()]);

    // Resolves the name and checks that the folder exists (its files are checked by DatasetFiles.Find).
    // Throws DatasetNotFoundException whose message names the path and how to obtain the data.
    public DatasetSource Locate(string nameOrDirectory)
    {
        var source = Resolve(nameOrDirectory);
        if (!Directory.Exists(source.Directory))
        {
            throw new DatasetNotFoundException(source.Directory,
                $"dataset '{source.Name}' not found: {source.Directory} does not exist; {source.SetupHint}");
        }
        return source;
    }

    // The folder containing MnistCompare.sln above any of the search starts, or null.
    public string? FindRepositoryRoot()
    {
        foreach (var start in rootSearchStarts)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }

    private DatasetSource Resolve(string nameOrDirectory)
    {
        if (string.IsNullOrWhiteSpace(nameOrDirectory))
        {
            throw new ArgumentException($"a dataset is '{MnistName}', '{FashionName}' or a directory; got an empty name",
                nameof(nameOrDirectory));
        }
        return nameOrDirectory switch
        {
            MnistName => ResolveMnist(),
            FashionName => new DatasetSource(FashionName, FashionDirectory,
                $"install the Debian package {FashionPackage} (scripts/setup.sh installs it)"),
            _ => new DatasetSource(nameOrDirectory, Path.GetFullPath(nameOrDirectory),
                "a dataset directory holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte " +
                $"and t10k-labels-idx1-ubyte (each optionally .gz); use '{MnistName}' after running scripts/setup.sh, " +
                $"or '{FashionName}'"),
        };
    }

    private DatasetSource ResolveMnist()
    {
        if (mnistDirectoryOverride is not null)
        {
            return new DatasetSource(MnistName, Path.GetFullPath(mnistDirectoryOverride),
                $"{MnistDirectoryVariable} points there; fix or unset it (without it, scripts/setup.sh downloads MNIST into data/mnist)");
        }
        var root = FindRepositoryRoot();
        if (root is null)
        {
            var searched = string.Join(" or ", rootSearchStarts);
            throw new DatasetNotFoundException(searched,
                $"dataset '{MnistName}' not found: no {SolutionFileName} above {searched} to locate data/mnist; run " +
                $"from the repository after scripts/setup.sh, or set {MnistDirectoryVariable} to the MNIST folder");
        }
        return new DatasetSource(MnistName, Path.Combine(root, "data", "mnist"),
            "run scripts/setup.sh to download MNIST into data/mnist");
    }
}
