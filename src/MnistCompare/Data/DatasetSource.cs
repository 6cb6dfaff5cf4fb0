namespace MnistCompare.Data;

// A dataset folder together with what to tell the user when something in it is missing: the fix differs
// (download MNIST with scripts/setup.sh, install a Debian package, check a path typed by hand).
public sealed record DatasetSource(string Name, string Directory, string SetupHint);
