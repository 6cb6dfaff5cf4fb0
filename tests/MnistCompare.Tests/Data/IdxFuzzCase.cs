namespace MnistCompare.Tests.Data;

// One generated input of the IDX fuzz test. Raw is the uncompressed content when the generator knows it (a raw
// file, or a mutated raw file gzipped intact), so the oracle can say whether it must load; it is null when the
// compressed bytes themselves were damaged, and then either outcome is allowed as long as it is a correct one.
public sealed record IdxFuzzCase(int Index, string Recipe, byte[] Bytes, bool Gzipped, byte[]? Raw)
{
    // Enough to rebuild the case (IdxFuzzCases.Generate(seed, Index)) and to see at a glance what it was.
    public string Describe() =>
        $"case {Index} ({Recipe}; {Bytes.Length} bytes{(Gzipped ? ", gzip" : "")}; starts {Convert.ToHexString(Bytes.AsSpan(0, Math.Min(24, Bytes.Length)))})";
}
