namespace MnistCompare.Tests.Cli;

// A fresh folder under the system temp directory, deleted with its contents on Dispose.
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "mnistcompare-tests-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    // A path inside the folder (not created).
    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }
}
