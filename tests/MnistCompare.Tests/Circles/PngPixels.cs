using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MnistCompare.Tests.Charts;

namespace MnistCompare.Tests.Circles;

// The pixels of a PNG as SkiaSharp writes them (8 bits per channel, RGB or RGBA, not interlaced), decoded with the
// framework's zlib: the IDAT chunks joined and inflated, then each row's filter undone. Enough for tests to look at
// what was drawn where, without an imaging library.
public sealed class PngPixels
{
    private readonly byte[] pixels;
    private readonly int channels;

    private PngPixels(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        this.channels = channels;
        this.pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * channels;
            return (pixels[i], pixels[i + 1], pixels[i + 2]);
        }
    }

    public static PngPixels Read(string path)
    {
        PngFile.AssertValid(path);
        var bytes = File.ReadAllBytes(path);
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (var offset = 8; offset < bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset, 4));
            var type = Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = (int)BinaryPrimitives.ReadUInt32BigEndian(data[..4]);
                height = (int)BinaryPrimitives.ReadUInt32BigEndian(data.Slice(4, 4));
                Assert.Equal(8, data[8]);
                channels = data[9] switch
                {
                    2 => 3,
                    6 => 4,
                    var colourType => throw new NotSupportedException($"PNG colour type {colourType}"),
                };
                Assert.Equal(0, data[12]);
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }
            offset += 12 + length;
        }

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = width * channels;
        Assert.Equal(height * (stride + 1), raw.Length);

        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var source = raw.AsSpan(y * (stride + 1) + 1, stride);
            var row = pixels.AsSpan(y * stride, stride);
            var above = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : new byte[stride];
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? row[i - channels] : 0, up = above[i], upLeft = i >= channels ? above[i - channels] : 0;
                var prediction = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG filter type {filter}"),
                };
                row[i] = (byte)(source[i] + prediction);
            }
        }
        return new PngPixels(width, height, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
