namespace MnistCompare.Data;

// The four files of an MNIST-style dataset under their standard names, each raw or gzipped (as MNIST's own
// site and the Fashion-MNIST Debian package ship them).
public sealed record DatasetFiles(string TrainImages, string TrainLabels, string TestImages, string TestLabels)
{
    public const string TrainImagesName = "train-images-idx3-ubyte";
    public const string TrainLabelsName = "train-labels-idx1-ubyte";
    public const string TestImagesName = "t10k-images-idx3-ubyte";
    public const string TestLabelsName = "t10k-labels-idx1-ubyte";
    public const string GzipSuffix = ".gz";

    public static IReadOnlyList<string> StandardNames { get; } = [TrainImagesName, TrainLabelsName, TestImagesName, TestLabelsName];

    // Finds all four files or throws DatasetNotFoundException listing every missing one at once, so a partial
    // download is diagnosed in one go. The raw file wins when both forms exist: it loads without decompressing.
    public static DatasetFiles Find(DatasetSource source)
    {
        var found = new List<string>();
        var missing = new List<string>();
        foreach (var name in StandardNames)
        {
            var raw = Path.Combine(source.Directory, name);
            var gzip = raw + GzipSuffix;
            if (File.Exists(raw))
            {
                found.Add(raw);
            }
            else if (File.Exists(gzip))
            {
                found.Add(gzip);
            }
            else
            {
                missing.Add(name + "[" + GzipSuffix + "]");
            }
        }
        if (missing.Count > 0)
        {
            throw new DatasetNotFoundException(source.Directory,
                $"dataset '{source.Name}' is incomplete: {source.Directory} lacks {string.Join(", ", missing)}; {source.SetupHint}");
        }
        return new DatasetFiles(found[0], found[1], found[2], found[3]);
    }
}
