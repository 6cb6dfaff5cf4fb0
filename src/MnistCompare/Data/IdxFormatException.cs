namespace MnistCompare.Data;

// Everything that can be wrong with an IDX file (header, size, compression, contents) surfaces as this one
// type, so the CLI can report it as a single line: "<file>: <what is wrong>". (.NET's own InvalidDataException,
// which GZipStream throws, is sealed; it becomes the InnerException of a corrupt-gzip error.)
public sealed class IdxFormatException : Exception
{
    public IdxFormatException(string filePath, string problem, Exception? innerException = null)
        : base($"{filePath}: {problem}", innerException)
    {
        FilePath = filePath;
        Problem = problem;
    }

    public string FilePath { get; }

    // The message without the file name, for callers that show the file elsewhere.
    public string Problem { get; }
}
