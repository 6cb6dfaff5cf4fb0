namespace MnistCompare.Model;

// A weights file that cannot be loaded into the network it was meant for: cut short, from another activation or
// image size, or not a weights file at all. Reported like IdxFormatException, as one line "<file>: <what is
// wrong>", whatever exception the TorchSharp in use threw; that exception is kept as the InnerException.
public sealed class WeightsFileException : Exception
{
    public WeightsFileException(string filePath, string problem, Exception? innerException = null)
        : base($"{filePath}: {problem}", innerException)
    {
        FilePath = filePath;
        Problem = problem;
    }

    public string FilePath { get; }

    // The message without the file name, for callers that show the file elsewhere.
    public string Problem { get; }
}
