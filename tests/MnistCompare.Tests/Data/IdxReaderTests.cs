using System.Diagnostics;
using MnistCompare.Data;

namespace MnistCompare.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    // --- the real files ---

    [Fact]
    public void ReadsTheRealTrainingImages()
    {
        var path = RealDatasets.MnistFile(DatasetFiles.TrainImagesName);
        var idx = IdxReader.Read(path);

        Assert.Equal([60000, 28, 28], idx.Dimensions);
        Assert.Equal(60000 * 28 * 28, idx.Data.Length);
        Assert.Equal(16, idx.HeaderLength);
        Assert.False(idx.IsGzip);
        // Independently: the same bytes straight from the file, and a sum computed outside .NET.
        var raw = File.ReadAllBytes(path);
        Assert.Equal(raw.AsSpan(16).ToArray(), idx.Data);
        Assert.Equal(RealDatasets.MnistTrainImage0PixelSum, idx.Data.Take(28 * 28).Sum(b => b));
    }

    [Fact]
    public void ReadsTheRealLabels()
    {
        var train = IdxReader.Read(RealDatasets.MnistFile(DatasetFiles.TrainLabelsName));
        var test = IdxReader.Read(RealDatasets.MnistFile(DatasetFiles.TestLabelsName));

        Assert.Equal([60000], train.Dimensions);
        Assert.Equal(8, train.HeaderLength);
        Assert.Equal(RealDatasets.MnistFirstTrainLabels, train.Data.Take(10));
        Assert.Equal([10000], test.Dimensions);
        Assert.Equal(RealDatasets.MnistFirstTestLabels, test.Data.Take(10));
    }

    [Fact]
    public void AGzippedCopyReadsIdentically()
    {
        var rawPath = RealDatasets.MnistFile(DatasetFiles.TestImagesName);
        var gzPath = temp.Write(DatasetFiles.TestImagesName + ".gz", IdxBytes.Gzip(File.ReadAllBytes(rawPath)));

        var raw = IdxReader.Read(rawPath);
        var gz = IdxReader.Read(gzPath);

        Assert.True(gz.IsGzip);
        Assert.Equal([10000, 28, 28], gz.Dimensions);
        Assert.Equal(raw.Dimensions, gz.Dimensions);
        Assert.True(raw.Data.AsSpan().SequenceEqual(gz.Data));
        Assert.Equal(RealDatasets.MnistTestImage0PixelSum, gz.Data.Take(28 * 28).Sum(b => b));
    }

    [Fact]
    public void CompressionIsDetectedByContentNotByExtension()
    {
        var raw = IdxBytes.Labels(1, 2, 3);
        var gzipWithoutSuffix = temp.Write("labels", IdxBytes.Gzip(raw));
        var rawWithGzSuffix = temp.Write("labels.gz", raw);

        Assert.True(IdxReader.Read(gzipWithoutSuffix).IsGzip);
        Assert.Equal([1, 2, 3], IdxReader.Read(gzipWithoutSuffix).Data);
        Assert.False(IdxReader.Read(rawWithGzSuffix).IsGzip);
        Assert.Equal([1, 2, 3], IdxReader.Read(rawWithGzSuffix).Data);
    }

    [Fact]
    public void ReadsEveryRankFromOneToFour()
    {
        for (var rank = 1; rank <= 4; rank++)
        {
            var dims = Enumerable.Range(2, rank).Select(d => (uint)d).ToArray();
            var size = dims.Aggregate(1, (p, d) => p * (int)d);
            var data = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();
            var idx = IdxReader.Read(temp.Write($"rank{rank}", IdxBytes.UnsignedBytes(dims, data)));
            Assert.Equal(dims.Select(d => (int)d), idx.Dimensions);
            Assert.Equal(data, idx.Data);
        }
    }

    // --- malformed files: each fails with IdxFormatException naming the file ---

    [Fact]
    public void AZeroLengthFileIsRejected()
    {
        var e = ReadFails(temp.Write("empty", []));
        Assert.Contains("empty file (0 bytes)", e.Message);
    }

    [Fact]
    public void AHeaderShorterThanTheMagicIsRejected()
    {
        var e = ReadFails(temp.Write("short", [0, 0]));
        Assert.Contains("truncated header", e.Message);
        Assert.Contains("only 2 bytes", e.Message);
    }

    [Fact]
    public void AHeaderCutOffInTheDimensionsIsRejected()
    {
        var e = ReadFails(temp.Write("short-dims", [0, 0, 8, 3, 0, 0, 0, 5]));
        Assert.Contains("truncated header: rank 3 needs a 16-byte header, the file has only 8 bytes", e.Message);
    }

    [Fact]
    public void BadMagicIsRejected()
    {
        var e = ReadFails(temp.Write("png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]));
        Assert.Contains("bad magic at offset 0: 0x89 0x50 0x4E 0x47", e.Message);
    }

    [Theory]
    [InlineData(0x09, "signed byte")]
    [InlineData(0x0B, "16-bit integer")]
    [InlineData(0x0C, "32-bit integer")]
    [InlineData(0x0D, "32-bit float")]
    [InlineData(0x0E, "64-bit float")]
    [InlineData(0x07, "not an IDX type")]
    public void DataTypesOtherThanUnsignedByteAreRejected(byte type, string typeName)
    {
        var e = ReadFails(temp.Write("typed", IdxBytes.File(type, [2], [0, 0, 0, 0, 0, 0, 0, 0])));
        Assert.Contains($"unsupported data type 0x{type:X2} ({typeName}) at offset 2", e.Message);
        Assert.Contains("only 0x08 (unsigned byte", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(255)]
    public void RanksOutsideOneToFourAreRejected(byte rank)
    {
        var e = ReadFails(temp.Write("rank", [0, 0, 8, rank, 0, 0, 0, 1, 0]));
        Assert.Contains($"bad rank {rank} at offset 3", e.Message);
    }

    [Fact]
    public void AZeroDimensionIsRejected()
    {
        var e = ReadFails(temp.Write("zero-dim", IdxBytes.UnsignedBytes([3, 0, 2], [])));
        Assert.Contains("dimension 2 of 3 (at offset 8) is 0", e.Message);
    }

    [Fact]
    public void TruncatedDataIsRejectedWithTheDeclaredAndActualSizes()
    {
        var path = temp.Write("truncated", IdxBytes.UnsignedBytes([3, 2, 2], [1, 2, 3, 4, 5]));
        var e = ReadFails(path);
        Assert.Equal($"{path}: truncated: header declares 3×2×2 = 12 bytes of data at offset 16, file has 5 (file is 21 bytes)", e.Message);
    }

    [Fact]
    public void TrailingGarbageIsRejected()
    {
        var path = temp.Write("trailing", IdxBytes.UnsignedBytes([2, 2], [1, 2, 3, 4, 0xAA, 0xBB, 0xCC]));
        var e = ReadFails(path);
        Assert.Equal(
            $"{path}: trailing garbage: header declares 2×2 = 4 bytes of data at offset 12, but the file has 3 more bytes after it (file is 19 bytes)",
            e.Message);
    }

    [Fact]
    public void AHugeDeclaredSizeFailsFastWithoutAllocating()
    {
        // 0x7fffffff × 0x7fffffff × 28 bytes declared by a 20-byte file.
        var path = temp.Write("huge", IdxBytes.UnsignedBytes([0x7fffffff, 0x7fffffff, 28], [1, 2, 3, 4]));
        Assert.Equal(20, new FileInfo(path).Length);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var e = ReadFails(path);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 5);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 10_000_000);
        Assert.Contains("implausible size: header declares 2147483647×2147483647×28 = 129127208395707777052 bytes of data", e.Message);
    }

    [Fact]
    public void ADeclaredSizeBelowTheCapButBeyondTheFileFailsBeforeAllocating()
    {
        // 60000×28×28 = 47 MB declared by a 20-byte file: reported as truncated, without allocating 47 MB.
        var path = temp.Write("mnist-header-only", IdxBytes.UnsignedBytes([60000, 28, 28], [1, 2, 3, 4]));
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var e = ReadFails(path);

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 10_000_000);
        Assert.Equal($"{path}: truncated: header declares 60000×28×28 = 47040000 bytes of data at offset 16, file has 4 (file is 20 bytes)", e.Message);
    }

    // --- gzip-specific failures ---

    [Fact]
    public void AGzipFileDeclaringMoreThanItCanHoldFailsBeforeAllocating()
    {
        // 1000×1000×1000 bytes (under the 2 GiB cap) cannot come out of a gzip file of a few dozen bytes.
        var path = temp.Write("huge.gz", IdxBytes.Gzip(IdxBytes.UnsignedBytes([1000, 1000, 1000], [1, 2, 3])));
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var e = ReadFails(path);

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 10_000_000);
        Assert.Contains("implausible size: header declares 1000×1000×1000 = 1000000000 bytes of data, but a ", e.Message);
        Assert.Contains("-byte gzip file decompresses to at most", e.Message);
    }

    [Fact]
    public void TruncatedGzippedDataIsRejected()
    {
        var path = temp.Write("truncated.gz", IdxBytes.Gzip(IdxBytes.UnsignedBytes([3, 2, 2], [1, 2, 3, 4, 5])));
        var e = ReadFails(path);
        Assert.Equal(
            $"{path}: truncated: header declares 3×2×2 = 12 bytes of data at offset 16 of the decompressed data, the stream ends after 5 of them",
            e.Message);
    }

    [Fact]
    public void TrailingGarbageInsideTheGzipStreamIsRejected()
    {
        var path = temp.Write("trailing.gz", IdxBytes.Gzip(IdxBytes.UnsignedBytes([2], [1, 2, 3])));
        var e = ReadFails(path);
        Assert.Contains("trailing garbage: header declares 2 = 2 bytes of data at offset 8 of the decompressed data, " +
                        "but the decompressed stream continues after it", e.Message);
    }

    [Fact]
    public void AGzipStreamOfNothingIsRejected()
    {
        // Written by hand: GZipStream writes no bytes at all when given none. This is what `gzip` makes of an
        // empty input: header, an empty final deflate block (03 00), CRC-32 0 and length 0.
        byte[] emptyGzip = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
        var e = ReadFails(temp.Write("empty.gz", emptyGzip));
        Assert.Contains("empty: the gzip stream decompresses to 0 bytes", e.Message);
    }

    [Fact]
    public void AGzipWithAnUnknownCompressionMethodIsRejected()
    {
        var gz = IdxBytes.Gzip(IdxBytes.Labels(1, 2, 3));
        gz[2] = 0x07; // the method byte after the magic: only 8 (deflate) exists
        var e = ReadFails(temp.Write("method.gz", gz));
        Assert.Contains("corrupt gzip stream in the IDX header", e.Message);
    }

    [Fact]
    public void CorruptDeflateDataIsRejected()
    {
        var raw = IdxBytes.UnsignedBytes([4096], Enumerable.Range(0, 4096).Select(i => (byte)(i * i % 251)).ToArray());
        var gz = IdxBytes.Gzip(raw);
        for (var i = gz.Length / 3; i < gz.Length / 2; i++)
        {
            gz[i] ^= 0x5A;
        }
        var e = ReadFails(temp.Write("corrupt.gz", gz));
        Assert.Contains("corrupt gzip stream", e.Message);
        Assert.IsType<InvalidDataException>(e.InnerException, exactMatch: false);
    }

    [Fact]
    public void AGzipWithABadChecksumIsRejected()
    {
        var gz = IdxBytes.Gzip(IdxBytes.Labels(1, 2, 3, 4));
        gz[^8] ^= 0xFF; // the CRC-32 in the trailer
        var e = ReadFails(temp.Write("crc.gz", gz));
        Assert.Contains("corrupt gzip stream", e.Message);
    }

    [Fact]
    public void ACutOffGzipFileIsRejected()
    {
        var raw = IdxBytes.UnsignedBytes([4096], Enumerable.Range(0, 4096).Select(i => (byte)(i * i % 251)).ToArray());
        var gz = IdxBytes.Gzip(raw);
        var e = ReadFails(temp.Write("cut.gz", gz[..(gz.Length / 2)]));
        Assert.True(e.Message.Contains("corrupt gzip stream") || e.Message.Contains("truncated"), e.Message);
    }

    [Fact]
    public void BytesAfterTheGzipStreamAreRejected()
    {
        // GZipStream alone would ignore them: the reader checks the gzip trailer itself.
        var raw = IdxBytes.Labels(1, 2, 3);
        var path = temp.Write("appended.gz", [.. IdxBytes.Gzip(raw), .. "<html>"u8.ToArray()]);
        var e = ReadFails(path);
        Assert.Contains($"corrupt gzip stream: the size field at offset {new FileInfo(path).Length - 4} of the file says", e.Message);
        Assert.Contains($"but the stream decompressed to {raw.Length}", e.Message);
    }

    [Fact]
    public void AGzipFileWithoutItsTrailerIsRejected()
    {
        var gz = IdxBytes.Gzip(IdxBytes.Labels(1, 2, 3));
        var e = ReadFails(temp.Write("no-trailer.gz", gz[..^8]));
        Assert.Contains("the gzip trailer is missing or other bytes follow the compressed data", e.Message);
    }

    [Fact]
    public void AMissingFileIsAFileSystemErrorNotAFormatError()
    {
        Assert.Throws<FileNotFoundException>(() => IdxReader.Read(temp.File("no-such-file")));
    }

    private static IdxFormatException ReadFails(string path)
    {
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }
}
