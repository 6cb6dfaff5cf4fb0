using System.Buffers.Binary;

namespace MnistCompare.Data;

// The IDX header: two zero bytes, a data-type byte, a rank byte, then one big-endian uint32 per dimension.
// Parsing validates all of it before anyone allocates from the declared size, because a corrupt or hostile
// header can declare any size up to (2^32 − 1)^4 bytes.
public sealed class IdxHeader
{
    public const byte UnsignedByteType = 0x08;
    public const int MaxRank = 4;

    // The largest byte[] .NET can allocate; no IDX file we accept may declare more data than that.
    public static readonly long MaxDataLength = Array.MaxLength;

    private IdxHeader(IReadOnlyList<int> dimensions, int dataLength)
    {
        Dimensions = dimensions;
        DataLength = dataLength;
    }

    public IReadOnlyList<int> Dimensions { get; }

    public int Rank => Dimensions.Count;

    // Bytes in the header itself: the 4-byte magic plus 4 bytes per dimension. The data starts here.
    public int Length => HeaderLength(Rank);

    // Bytes of data the header declares: the product of the dimensions (one byte per element for type 0x08).
    public int DataLength { get; }

    // Reads and validates the header from the current position of `source` (a file, or a decompressing stream
    // when isGzip). Throws IdxFormatException naming `path` for anything that is not a well-formed unsigned-byte
    // header; never reads past the header.
    public static IdxHeader Read(Stream source, string path, bool isGzip)
    {
        Span<byte> magic = stackalloc byte[4];
        var got = source.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        var what = isGzip ? "the decompressed data" : "the file";
        if (got == 0)
        {
            throw new IdxFormatException(path, isGzip
                ? "empty: the gzip stream decompresses to 0 bytes; expected an IDX header"
                : "empty file (0 bytes); expected an IDX header");
        }
        if (got < magic.Length)
        {
            throw new IdxFormatException(path, $"truncated header: {what} has only {got} byte{(got == 1 ? "" : "s")}, an IDX header needs at least 4");
        }

        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new IdxFormatException(path,
                $"bad magic at {DescribeOffset(0, isGzip)}: {Hex(magic)}; an IDX file starts with two zero bytes, " +
                "a data-type byte and a rank byte (is this an IDX file?)");
        }
        if (magic[2] != UnsignedByteType)
        {
            throw new IdxFormatException(path,
                $"unsupported data type 0x{magic[2]:X2} ({DescribeType(magic[2])}) at {DescribeOffset(2, isGzip)}; " +
                $"only 0x{UnsignedByteType:X2} (unsigned byte, as in MNIST) is supported");
        }
        int rank = magic[3];
        if (rank is < 1 or > MaxRank)
        {
            throw new IdxFormatException(path, $"bad rank {rank} at {DescribeOffset(3, isGzip)}; expected 1 to {MaxRank} dimensions");
        }

        Span<byte> dimensionBytes = stackalloc byte[4 * MaxRank];
        dimensionBytes = dimensionBytes[..(4 * rank)];
        got = source.ReadAtLeast(dimensionBytes, dimensionBytes.Length, throwOnEndOfStream: false);
        if (got < dimensionBytes.Length)
        {
            throw new IdxFormatException(path,
                $"truncated header: rank {rank} needs a {HeaderLength(rank)}-byte header, {what} has only {magic.Length + got} bytes");
        }

        // UInt128 holds the product of four uint32 values without overflow, so even an absurd header is reported
        // with its true declared size instead of a wrapped-around one.
        var dimensions = new uint[rank];
        UInt128 product = 1;
        for (var i = 0; i < rank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadUInt32BigEndian(dimensionBytes.Slice(4 * i, 4));
            if (dimensions[i] == 0)
            {
                throw new IdxFormatException(path,
                    $"dimension {i + 1} of {rank} (at {DescribeOffset(4 + 4 * i, isGzip)}) is 0 in {FormatDimensions(dimensions.Take(i + 1))}; " +
                    "every dimension must be at least 1");
            }
            product *= dimensions[i];
        }
        if (product > (UInt128)MaxDataLength)
        {
            throw new IdxFormatException(path,
                $"implausible size: header declares {FormatDimensions(dimensions)} = {product} bytes of data, " +
                $"more than the {MaxDataLength}-byte limit");
        }

        // Every dimension is now ≤ the product ≤ int.MaxValue, so the narrowing casts are exact.
        return new IdxHeader(dimensions.Select(d => (int)d).ToArray(), (int)product);
    }

    public static int HeaderLength(int rank) => 4 + 4 * rank;

    public static string FormatDimensions<T>(IEnumerable<T> dimensions) => string.Join("×", dimensions);

    public static string DescribeOffset(long offset, bool isGzip) =>
        isGzip ? $"offset {offset} of the decompressed data" : $"offset {offset}";

    private static string Hex(ReadOnlySpan<byte> bytes) => string.Join(" ", bytes.ToArray().Select(b => $"0x{b:X2}"));

    // The IDX types other than 0x08, named so that the message says what the file actually contains.
    private static string DescribeType(byte type) => type switch
    {
        0x09 => "signed byte",
        0x0B => "16-bit integer",
        0x0C => "32-bit integer",
        0x0D => "32-bit float",
        0x0E => "64-bit float",
        _ => "not an IDX type",
    };
}
