namespace MnistCompare.Data;

// A dataset folder or one of its four files is missing. The message always says how to get the data, because
// the usual cause is simply that scripts/setup.sh has not been run on this machine yet.
public sealed class DatasetNotFoundException : IOException
{
    public DatasetNotFoundException(string path, string message) : base(message) => Path = path;

    // The folder or file that was looked for.
    public string Path { get; }
}
