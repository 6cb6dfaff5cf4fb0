using System.IO.Compression;

namespace MnistCompare.Tests.Data;

// Generates the inputs of the IDX fuzz test: small valid IDX files of every rank, damaged in the ways real files
// are (cut short, bytes appended, bits flipped) and the ways a hostile header is (wrong type or rank, zero, huge or
// overflowing dimensions), stored raw or gzipped, and gzip files damaged after compression. Every case comes from
// its own Random seeded by (seed, index), so a failure names a case that can be rebuilt alone.
public static class IdxFuzzCases
{
    // Values that sit on the reader's boundaries: zero, one, the int and uint limits, MNIST's sizes, and values
    // whose products overflow 32 and 64 bits.
    private static readonly uint[] InterestingDimensions =
    [
        0, 1, 2, 3, 28, 255, 256, 10_000, 60_000, 65_535, 65_536, 1 << 20, 0x00FF_FFFF, 0x0100_0000,
        0x7FFF_FFFE, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFFE, 0xFFFF_FFFF,
    ];

    private static readonly byte[] IdxTypes = [0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x00, 0x07, 0xFF];

    public static IEnumerable<IdxFuzzCase> GenerateMany(int seed, int count) => Enumerable.Range(0, count).Select(i => Generate(seed, i));

    public static IdxFuzzCase Generate(int seed, int index)
    {
        var random = new Random(HashCode.Combine(seed, index));
        var recipe = new List<string>();
        var raw = ValidFile(random, recipe);

        // About one case in six damages the compressed bytes instead of (or as well as) the IDX content.
        var choice = random.Next(100);
        if (choice < 10)
        {
            recipe.Add("intact");
        }
        else if (choice < 83)
        {
            var mutations = random.Next(10) == 0 ? 2 : 1;
            for (var m = 0; m < mutations; m++) raw = MutateRaw(random, raw, recipe);
        }

        if (choice < 83)
        {
            if (random.Next(100) >= 40) return new IdxFuzzCase(index, string.Join(", ", recipe), raw, false, raw);
            return new IdxFuzzCase(index, string.Join(", ", recipe) + ", gzipped", Gzip(raw, random), true, raw);
        }
        var damaged = MutateGzip(random, Gzip(raw, random), recipe);
        return new IdxFuzzCase(index, string.Join(", ", recipe), damaged, true, null);
    }

    // A well-formed IDX file: labels, image stacks, or any rank 1..4, mostly tiny, now and then over 64 KiB so that
    // the reader's growing gzip buffer is exercised.
    private static byte[] ValidFile(Random random, List<string> recipe)
    {
        uint[] dimensions;
        var kind = random.Next(100);
        if (kind < 30)
        {
            dimensions = [(uint)random.Next(1, 80)];
            recipe.Add($"labels {dimensions[0]}");
        }
        else if (kind < 99)
        {
            var rank = random.Next(1, 5);
            dimensions = Enumerable.Range(0, rank).Select(_ => (uint)random.Next(1, 7)).ToArray();
            recipe.Add($"rank {rank} {string.Join("×", dimensions)}");
        }
        else
        {
            dimensions = [(uint)random.Next(3, 5), 150, 150];
            recipe.Add($"large {string.Join("×", dimensions)}");
        }
        var size = dimensions.Aggregate(1, (p, d) => p * (int)d);
        var data = new byte[size];
        // Half the files hold compressible, image-like data; the rest noise that gzip cannot shrink.
        if (random.Next(2) == 0) random.NextBytes(data);
        else for (var i = 0; i < size; i++) data[i] = (byte)(i % 97 < 20 ? 0 : i * 7 % 256);
        return IdxBytes.UnsignedBytes(dimensions, data);
    }

    private static byte[] MutateRaw(Random random, byte[] raw, List<string> recipe)
    {
        var rank = raw.Length >= 4 ? Math.Clamp((int)raw[3], 0, 4) : 0;
        switch (random.Next(13))
        {
            case 0:
            {
                var length = random.Next(raw.Length);
                recipe.Add($"cut to {length}");
                return raw[..length];
            }
            case 1:
            {
                var extra = new byte[random.Next(1, 17)];
                random.NextBytes(extra);
                recipe.Add($"{extra.Length} bytes appended");
                return [.. raw, .. extra];
            }
            case 2:
            {
                var copy = (byte[])raw.Clone();
                var flips = random.Next(1, 5);
                for (var f = 0; f < flips && copy.Length > 0; f++) copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                recipe.Add($"{flips} bits flipped");
                return copy;
            }
            case 3:
            {
                // Flips confined to the header, where they change what the reader believes.
                var copy = (byte[])raw.Clone();
                var headerLength = Math.Min(copy.Length, 4 + 4 * rank);
                if (headerLength == 0) return copy;
                var at = random.Next(headerLength);
                copy[at] ^= (byte)(1 << random.Next(8));
                recipe.Add($"header bit flipped at {at}");
                return copy;
            }
            case 4:
            {
                var copy = (byte[])raw.Clone();
                if (copy.Length < 3) return copy;
                copy[2] = IdxTypes[random.Next(IdxTypes.Length)];
                recipe.Add($"type 0x{copy[2]:X2}");
                return copy;
            }
            case 5:
            {
                var copy = (byte[])raw.Clone();
                if (copy.Length < 4) return copy;
                copy[3] = random.Next(3) switch { 0 => (byte)random.Next(256), 1 => (byte)(copy[3] + 1), _ => (byte)(copy[3] - 1) };
                recipe.Add($"rank byte {copy[3]}");
                return copy;
            }
            case 6:
            case 7:
            {
                // One dimension replaced by a boundary value, a random one, or a neighbour of the true one.
                var copy = (byte[])raw.Clone();
                if (rank == 0 || copy.Length < 4 + 4 * rank) return copy;
                var which = random.Next(rank);
                var value = random.Next(3) switch
                {
                    0 => InterestingDimensions[random.Next(InterestingDimensions.Length)],
                    1 => (uint)random.NextInt64(0, 1L << 32),
                    _ => ReadDimension(copy, which) + (uint)random.Next(-2, 3),
                };
                WriteDimension(copy, which, value);
                recipe.Add($"dimension {which + 1} = {value}");
                return copy;
            }
            case 8:
            {
                // Every dimension huge: products far beyond any array, and beyond 64 bits.
                var copy = (byte[])raw.Clone();
                if (rank == 0 || copy.Length < 4 + 4 * rank) return copy;
                for (var d = 0; d < rank; d++) WriteDimension(copy, d, InterestingDimensions[random.Next(12, InterestingDimensions.Length)]);
                recipe.Add("huge dimensions");
                return copy;
            }
            case 9:
            {
                // A header that declares MNIST's training set over whatever data there is: a truncated download.
                var data = raw.Length > 4 + 4 * rank ? raw[(4 + 4 * rank)..] : [];
                recipe.Add("MNIST header over small data");
                return IdxBytes.UnsignedBytes([60_000, 28, 28], data);
            }
            case 10:
            {
                var length = random.Next(0, 64);
                var noise = new byte[length];
                random.NextBytes(noise);
                // Sometimes a plausible start, so that noise gets past the magic.
                if (length >= 4 && random.Next(2) == 0)
                {
                    noise[0] = 0;
                    noise[1] = 0;
                    noise[2] = 0x08;
                    noise[3] = (byte)random.Next(1, 5);
                }
                recipe.Add($"{length} random bytes");
                return noise;
            }
            case 11:
            {
                recipe.Add("empty");
                return [];
            }
            default:
            {
                // Starts like a gzip file but is not one, so content detection sends garbage to the decompressor.
                var copy = (byte[])raw.Clone();
                if (copy.Length < 2) return [0x1F, 0x8B];
                copy[0] = 0x1F;
                copy[1] = 0x8B;
                if (copy.Length > 2 && random.Next(2) == 0) copy[2] = 0x08;
                recipe.Add("gzip magic over raw");
                return copy;
            }
        }
    }

    private static byte[] MutateGzip(Random random, byte[] gz, List<string> recipe)
    {
        var copy = (byte[])gz.Clone();
        switch (random.Next(8))
        {
            case 0:
            {
                var length = random.Next(gz.Length);
                recipe.Add($"gzip cut to {length} of {gz.Length}");
                return gz[..length];
            }
            case 1:
            {
                var flips = random.Next(1, 4);
                for (var f = 0; f < flips; f++) copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                recipe.Add($"{flips} gzip bits flipped");
                return copy;
            }
            case 2:
            {
                // The deflate data only: not the 10-byte header, not the 8-byte trailer.
                if (copy.Length <= 18) return copy;
                var at = random.Next(10, copy.Length - 8);
                copy[at] = (byte)random.Next(256);
                recipe.Add($"deflate byte {at} set");
                return copy;
            }
            case 3:
            {
                var at = copy.Length - 8 + random.Next(8);
                copy[at] ^= (byte)random.Next(1, 256);
                recipe.Add(at < copy.Length - 4 ? "gzip CRC changed" : "gzip size changed");
                return copy;
            }
            case 4:
            {
                var extra = new byte[random.Next(1, 9)];
                random.NextBytes(extra);
                recipe.Add($"{extra.Length} bytes after the gzip stream");
                return [.. copy, .. extra];
            }
            case 5:
            {
                recipe.Add("second gzip member");
                return [.. copy, .. Gzip(IdxBytes.Labels(1, 2, 3), random)];
            }
            case 6:
            {
                // The flags byte: FTEXT, FHCRC, FEXTRA, FNAME, FCOMMENT or reserved bits announce fields that are not there.
                copy[3] = (byte)(1 << random.Next(8));
                recipe.Add($"gzip flags 0x{copy[3]:X2}");
                return copy;
            }
            default:
            {
                recipe.Add("gzip without its trailer");
                return gz[..^8];
            }
        }
    }

    private static byte[] Gzip(byte[] raw, Random random)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, random.Next(2) == 0 ? CompressionLevel.Fastest : CompressionLevel.Optimal))
        {
            gzip.Write(raw);
        }
        return output.ToArray();
    }

    private static uint ReadDimension(byte[] raw, int which)
    {
        var at = 4 + 4 * which;
        return ((uint)raw[at] << 24) | ((uint)raw[at + 1] << 16) | ((uint)raw[at + 2] << 8) | raw[at + 3];
    }

    private static void WriteDimension(byte[] raw, int which, uint value)
    {
        var at = 4 + 4 * which;
        raw[at] = (byte)(value >> 24);
        raw[at + 1] = (byte)(value >> 16);
        raw[at + 2] = (byte)(value >> 8);
        raw[at + 3] = (byte)value;
    }
}
