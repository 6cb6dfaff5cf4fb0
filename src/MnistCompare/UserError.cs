namespace MnistCompare;

// A problem the user can fix (a bad option, a missing dataset, a busy run folder): reported as one line,
// never as a stack trace.
public sealed class UserError : Exception
{
    public UserError(string message, int exitCode = 2) : base(message) => ExitCode = exitCode;

    public int ExitCode { get; }
}
