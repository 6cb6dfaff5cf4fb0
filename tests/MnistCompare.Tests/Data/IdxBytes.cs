using System.IO.Compression;
using MnistCompare.Data;

namespace MnistCompare.Tests.Data;

// Builds IDX files byte by byte, independently of IdxReader, so tests can write both valid and broken ones.
public static class IdxBytes
{
    // Magic (0, 0, type, rank), then each dimension as a big-endian uint32, then the data as given.
    public static byte[] File(byte type, uint[] dimensions, byte[] data)
    {
        var bytes = new List<byte> { 0, 0, type, (byte)dimensions.Length };
        foreach (var d in dimensions)
        {
            bytes.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        }
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    public static byte[] UnsignedBytes(uint[] dimensions, byte[] data) => File(IdxHeader.UnsignedByteType, dimensions, data);

    // N×H×W images whose pixel values are a simple function of (image, pixel), so any reordering shows.
    public static byte[] Images(int count, int height, int width) =>
        UnsignedBytes([(uint)count, (uint)height, (uint)width], PixelValues(count, height, width));

    public static byte[] PixelValues(int count, int height, int width) =>
        Enumerable.Range(0, count * height * width).Select(i => (byte)((i * 7 + i / (height * width)) % 256)).ToArray();

    public static byte[] Labels(params byte[] labels) => UnsignedBytes([(uint)labels.Length], labels);

    // Labels 0,1,…,9,0,1,… for `count` items.
    public static byte[] CyclicLabels(int count) => Labels(Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray());

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(raw);
        }
        return output.ToArray();
    }

    // Writes a complete, valid dataset of the four standard files into `directory` (optionally gzipped).
    public static void WriteDataset(string directory, int trainCount = 30, int testCount = 20, int height = 4, int width = 3, bool gzip = false)
    {
        Directory.CreateDirectory(directory);
        void Write(string name, byte[] raw) =>
            System.IO.File.WriteAllBytes(Path.Combine(directory, gzip ? name + ".gz" : name), gzip ? Gzip(raw) : raw);
        Write(DatasetFiles.TrainImagesName, Images(trainCount, height, width));
        Write(DatasetFiles.TrainLabelsName, CyclicLabels(trainCount));
        Write(DatasetFiles.TestImagesName, Images(testCount, height, width));
        Write(DatasetFiles.TestLabelsName, CyclicLabels(testCount));
    }
}
