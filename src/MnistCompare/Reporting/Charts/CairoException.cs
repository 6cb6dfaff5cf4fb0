namespace MnistCompare.Reporting.Charts;

/// <summary>A cairo operation failed; the message carries cairo's own status text and the file involved.</summary>
public sealed class CairoException : IOException
{
    public CairoException(string status, string? fileName)
        : base(fileName is null ? $"cairo: {status}" : $"cairo: {status} ({fileName})")
    {
        Status = status;
        FileName = fileName;
    }

    public string Status { get; }

    public string? FileName { get; }
}
