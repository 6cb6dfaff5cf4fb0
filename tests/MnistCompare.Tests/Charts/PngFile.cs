using System.Buffers.Binary;

namespace MnistCompare.Tests.Charts;

// The facts of a PNG file that tests check, read straight from its bytes: the 8-byte signature, then the IHDR
// chunk (length 13, type "IHDR", width and height as big-endian uint32).
public static class PngFile
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) AssertValid(string path)
    {
        Assert.True(File.Exists(path), $"{path} does not exist");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} has only {bytes.Length} bytes");
        Assert.Equal(Signature, bytes[..8]);
        Assert.Equal(13u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8, 4)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16, 4)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
