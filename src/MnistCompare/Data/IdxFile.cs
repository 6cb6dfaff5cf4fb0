namespace MnistCompare.Data;

// The validated contents of one IDX file: its dimensions and its unsigned-byte data, exactly
// Dimensions[0] × … × Dimensions[^1] bytes, row-major as stored.
public sealed class IdxFile
{
    public IdxFile(string path, IReadOnlyList<int> dimensions, byte[] data, int headerLength, bool isGzip)
    {
        Path = path;
        Dimensions = dimensions;
        Data = data;
        HeaderLength = headerLength;
        IsGzip = isGzip;
    }

    public string Path { get; }

    public IReadOnlyList<int> Dimensions { get; }

    public int Rank => Dimensions.Count;

    // A plain array (not a read-only view) because torch.tensor(byte[], shape) takes one; treat it as read-only.
    public byte[] Data { get; }

    // Where the data starts, so that callers validating the contents (labels 0..9) can name a byte offset.
    public int HeaderLength { get; }

    // Offsets in messages are then offsets into the decompressed stream, not into the file on disk.
    public bool IsGzip { get; }

    // "60000×28×28", the form used in every message about shapes.
    public string DimensionsText => IdxHeader.FormatDimensions(Dimensions);

    // "offset 123" or "offset 123 of the decompressed data", for messages about one byte of the data.
    public string DescribeDataOffset(long dataIndex) => IdxHeader.DescribeOffset(HeaderLength + dataIndex, IsGzip);
}
