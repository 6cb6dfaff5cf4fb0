using System.IO.Compression;
using System.Numerics;

namespace MnistCompare.Tests.Data;

// What a correct reader must make of some bytes, decided without IdxReader: the fuzz test compares the reader
// against this. Written straight from the format (two zero bytes, type 0x08, rank 1..4, big-endian dimensions,
// exactly their product in data bytes) and deliberately naive, so that it shares no bug with the reader.
public static class IdxOracle
{
    // The dimensions and data of an uncompressed IDX file of unsigned bytes, or null when it is not one.
    public static (int[] Dimensions, byte[] Data)? Parse(byte[] raw)
    {
        if (raw.Length < 4 || raw[0] != 0 || raw[1] != 0 || raw[2] != 0x08) return null;
        int rank = raw[3];
        if (rank < 1 || rank > 4) return null;
        var headerLength = 4 + 4 * rank;
        if (raw.Length < headerLength) return null;
        var dimensions = new BigInteger[rank];
        BigInteger product = 1;
        for (var i = 0; i < rank; i++)
        {
            var at = 4 + 4 * i;
            dimensions[i] = ((BigInteger)raw[at] << 24) | ((BigInteger)raw[at + 1] << 16) | ((BigInteger)raw[at + 2] << 8) | raw[at + 3];
            if (dimensions[i].IsZero) return null;
            product *= dimensions[i];
        }
        if (product != raw.Length - headerLength) return null;
        return (dimensions.Select(d => (int)d).ToArray(), raw[headerLength..]);
    }

    // Everything GZipStream yields before it ends or fails, and whether it ended cleanly; `cap` bounds the work
    // for inputs that would decompress to far more than the reader may ever look at.
    public static (byte[] Bytes, bool Complete) Gunzip(byte[] compressed, int cap = 64 << 20)
    {
        using var output = new MemoryStream();
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            var buffer = new byte[8192];
            int got;
            while ((got = gzip.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, got);
                if (output.Length > cap) return (output.ToArray(), false);
            }
            return (output.ToArray(), true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return (output.ToArray(), false);
        }
    }
}
