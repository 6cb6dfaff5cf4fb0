namespace MnistCompare.Workers;

// A training worker that could not start, failed, or ended without reporting its result; the message is one line
// that names the activation × seed and says why.
public sealed class WorkerFailedException(string message) : Exception(message);
