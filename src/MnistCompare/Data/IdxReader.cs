using System.Buffers.Binary;
using System.IO.Compression;

namespace MnistCompare.Data;

// Reads an IDX file of unsigned bytes (MNIST's format), raw or gzip-compressed, and insists that it is exactly
// what its header says: no fewer bytes (truncated download), no more (trailing garbage, a wrong file appended),
// and never an allocation sized by a header that has not been checked against what the file can hold.
public static class IdxReader
{
    // Deflate cannot expand data by more than about 1032:1 (zlib's documented limit), so a gzip file can hold at
    // most this many times its own size; a header declaring more is lying and fails before any allocation.
    public const long MaxGzipExpansion = 1032;

    // A gzip file's true decompressed size is unknown until it has been read, so its buffer starts at this size
    // and doubles as data actually arrives, up to the declared size. Starting small keeps what is allocated within
    // a small multiple of what the file really holds when its header overstates the size; for a 47 MB file the
    // extra doublings cost a few copies.
    private const int InitialGzipBuffer = 64 * 1024;

    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];

    // Throws IdxFormatException for anything wrong with the contents; FileNotFoundException and other I/O errors
    // pass through unchanged because they are about the file system, not the format.
    public static IdxFile Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16,
            FileOptions.SequentialScan);
        var fileLength = file.Length;
        if (fileLength == 0)
        {
            throw new IdxFormatException(path, "empty file (0 bytes); expected an IDX header");
        }

        // Detected by content, not by the ".gz" extension: a renamed or mislabelled file still reads correctly.
        Span<byte> start = stackalloc byte[2];
        var isGzip = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(GzipMagic);
        file.Position = 0;

        return isGzip ? ReadGzip(file, path, fileLength) : ReadRaw(file, path, fileLength);
    }

    private static IdxFile ReadRaw(FileStream file, string path, long fileLength)
    {
        var header = IdxHeader.Read(file, path, isGzip: false);

        // The file's length is known, so size problems are reported before allocating anything.
        var available = fileLength - header.Length;
        if (available < header.DataLength)
        {
            throw Truncated(path, header, isGzip: false, $"file has {available} (file is {fileLength} bytes)");
        }
        if (available > header.DataLength)
        {
            throw TrailingGarbage(path, header, isGzip: false,
                $"the file has {available - header.DataLength} more bytes after it (file is {fileLength} bytes)");
        }

        var data = new byte[header.DataLength];
        var got = file.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        // The length was checked above; these only fire if the file changes while it is being read.
        if (got < data.Length)
        {
            throw Truncated(path, header, isGzip: false, $"only {got} could be read (did the file shrink while being read?)");
        }
        if (file.ReadByte() != -1)
        {
            throw TrailingGarbage(path, header, isGzip: false, "the file grew while being read");
        }
        return new IdxFile(path, header.Dimensions, data, header.Length, isGzip: false);
    }

    private static IdxFile ReadGzip(FileStream file, string path, long fileLength)
    {
        using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);

        IdxHeader header;
        try
        {
            header = IdxHeader.Read(gzip, path, isGzip: true);
        }
        catch (InvalidDataException e)
        {
            throw CorruptGzip(path, e, "in the IDX header");
        }

        var mostPossible = fileLength * MaxGzipExpansion;
        if (header.DataLength > mostPossible)
        {
            throw new IdxFormatException(path,
                $"implausible size: header declares {IdxHeader.FormatDimensions(header.Dimensions)} = {header.DataLength} bytes of data, " +
                $"but a {fileLength}-byte gzip file decompresses to at most {mostPossible} bytes");
        }

        var declared = header.DataLength;
        var data = new byte[Math.Min(declared, InitialGzipBuffer)];
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == data.Length)
                {
                    if (filled == declared)
                    {
                        break;
                    }
                    Array.Resize(ref data, (int)Math.Min(declared, 2L * data.Length));
                }
                var got = gzip.Read(data, filled, data.Length - filled);
                if (got == 0)
                {
                    break;
                }
                filled += got;
            }
            if (filled < declared)
            {
                throw Truncated(path, header, isGzip: true, $"the stream ends after {filled} of them");
            }
            // One byte is enough to know that more data arrives than the header declared.
            Span<byte> probe = stackalloc byte[1];
            if (gzip.Read(probe) != 0)
            {
                throw TrailingGarbage(path, header, isGzip: true, "the decompressed stream continues after it");
            }
        }
        catch (InvalidDataException e)
        {
            throw CorruptGzip(path, e, $"after {header.Length + filled} decompressed bytes");
        }
        CheckGzipTrailer(file, path, fileLength, header.Length + (long)declared);
        return new IdxFile(path, header.Dimensions, data, header.Length, isGzip: true);
    }

    // GZipStream stops quietly at the end of the deflate data: it accepts a file whose 8-byte trailer (CRC-32 and
    // size) is missing, and ignores whatever follows the stream. The trailer's last field, the uncompressed size
    // mod 2^32, must therefore be the file's last 4 bytes and match what was decompressed. (This also rejects
    // multi-member gzip files, whose last trailer counts only the last member; no IDX distribution uses them.)
    private static void CheckGzipTrailer(FileStream file, string path, long fileLength, long decompressedLength)
    {
        Span<byte> lastFour = stackalloc byte[4];
        file.Seek(-lastFour.Length, SeekOrigin.End);
        file.ReadExactly(lastFour);
        var recorded = BinaryPrimitives.ReadUInt32LittleEndian(lastFour);
        var actual = (uint)decompressedLength;
        if (recorded != actual)
        {
            throw new IdxFormatException(path,
                $"corrupt gzip stream: the size field at offset {fileLength - 4} of the file says {recorded} bytes " +
                $"(mod 2^32), but the stream decompressed to {decompressedLength}; the gzip trailer is missing or " +
                "other bytes follow the compressed data");
        }
    }

    private static IdxFormatException Truncated(string path, IdxHeader header, bool isGzip, string actual) =>
        new(path, $"truncated: header declares {DeclaredData(header, isGzip)}, {actual}");

    private static IdxFormatException TrailingGarbage(string path, IdxHeader header, bool isGzip, string actual) =>
        new(path, $"trailing garbage: header declares {DeclaredData(header, isGzip)}, but {actual}");

    private static string DeclaredData(IdxHeader header, bool isGzip) =>
        $"{IdxHeader.FormatDimensions(header.Dimensions)} = {header.DataLength} bytes of data at " +
        IdxHeader.DescribeOffset(header.Length, isGzip);

    // .NET's messages for bad deflate data are one line ("The archive entry was compressed using an unsupported
    // compression method.", "Found invalid data while decoding."), so they are kept as the explanation.
    private static IdxFormatException CorruptGzip(string path, InvalidDataException e, string where) =>
        new(path, $"corrupt gzip stream {where}: {e.Message}", e);
}
