using TorchBinding.Interop;

namespace TorchBinding;

// TorchSharp's own weights format, so that weights move between this binding and TorchSharp:
// LEB128 entry count; per state_dict entry: the key as BinaryWriter.Write(string), LEB128 dtype, LEB128 rank,
// LEB128 dims, then the elements' raw little-endian bytes.
internal static class StateFile
{
    // Limits that keep a corrupt file from driving a huge allocation before the shape check catches it.
    private const int MaxRank = 16;

    internal static void WriteAtomically(string location, Action<Stream> write)
    {
        var temporary = location + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, location, overwrite: true);
    }

    internal static void Write(BinaryWriter writer, IReadOnlyList<KeyValuePair<string, TorchSharp.torch.Tensor>> entries)
    {
        Encode(writer, entries.Count);
        foreach (var (key, tensor) in entries)
        {
            writer.Write(key);
            WriteTensor(writer, tensor);
        }
    }

    // One tensor as TorchSharp's Tensor.Save writes it: LEB128 dtype, rank and dims, then the raw bytes.
    internal static void WriteTensor(BinaryWriter writer, TorchSharp.torch.Tensor tensor)
    {
        Encode(writer, (long)tensor.dtype);
        var shape = tensor.shape;
        Encode(writer, shape.Length);
        foreach (var d in shape) Encode(writer, d);
        using var cpu = tensor.device_type == TorchSharp.DeviceType.CPU ? tensor.contiguous() : tensor.cpu().contiguous();
        writer.Write(Bytes(cpu));
    }

    // Reads a tensor written by WriteTensor into an existing one of the same dtype and shape.
    internal static void ReadTensorInto(BinaryReader reader, TorchSharp.torch.Tensor target, string what)
    {
        var dtype = (TorchSharp.torch.ScalarType)Decode(reader);
        var shape = ReadShape(reader, what);
        CheckMatches(target, dtype, shape, what);
        ReadBytesInto(reader, target, what);
    }

    private static long[] ReadShape(BinaryReader reader, string what)
    {
        var rank = Decode(reader);
        if (rank < 0 || rank > MaxRank) throw new InvalidDataException($"Corrupt weights file: {what} has rank {rank}");
        var shape = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            shape[d] = Decode(reader);
            // LEB128 decodes 64 bits, so a damaged dimension can come out negative.
            if (shape[d] < 0) throw new InvalidDataException($"Corrupt weights file: {what} has a negative dimension {shape[d]}");
        }
        return shape;
    }

    private static void CheckMatches(TorchSharp.torch.Tensor target, TorchSharp.torch.ScalarType dtype, long[] shape, string what)
    {
        if (target.dtype != dtype) throw new InvalidDataException($"{Capitalised(what)} is {dtype} in the file but {target.dtype} in memory");
        if (!target.shape.SequenceEqual(shape))
        {
            throw new InvalidDataException(
                $"{Capitalised(what)} has shape [{string.Join(", ", shape)}] in the file but [{string.Join(", ", target.shape)}] in memory");
        }
    }

    private static string Capitalised(string what) => char.ToUpperInvariant(what[0]) + what[1..];

    private static void ReadBytesInto(BinaryReader reader, TorchSharp.torch.Tensor target, string what)
    {
        var length = target.numel() * target.element_size();
        var bytes = reader.ReadBytes(checked((int)length));
        if (bytes.Length != length) throw new EndOfStreamException($"The file ends inside {what}");
        CopyInto(target, bytes);
    }

    internal static void Read(BinaryReader reader, Dictionary<string, TorchSharp.torch.Tensor> state, bool strict, IList<string> skip,
        Dictionary<string, bool>? loadedParameters)
    {
        var count = Decode(reader);
        if (count < 0 || count > 1_000_000) throw new InvalidDataException($"Corrupt weights file: implausible entry count {count}");
        if (strict && count != state.Count)
            throw new InvalidDataException($"The weights file has {count} entries but the module has {state.Count}");
        var seen = new HashSet<string>();
        for (long i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            var dtype = (TorchSharp.torch.ScalarType)Decode(reader);
            var shape = ReadShape(reader, $"entry '{key}'");
            var found = state.TryGetValue(key, out var target);
            if (!found && strict) throw new InvalidDataException($"Unexpected entry '{key}' in the weights file");
            if (skip.Contains(key) || !found)
            {
                SkipBytes(reader, dtype, shape, key);
                continue;
            }
            CheckMatches(target!, dtype, shape, $"entry '{key}'");
            ReadBytesInto(reader, target!, $"entry '{key}'");
            seen.Add(key);
            if (loadedParameters is not null) loadedParameters[key] = true;
        }
        if (strict)
        {
            var missing = state.Keys.Where(k => !seen.Contains(k) && !skip.Contains(k)).ToList();
            if (missing.Count > 0) throw new InvalidDataException($"The weights file lacks [{string.Join(", ", missing)}]");
        }
    }

    private static void SkipBytes(BinaryReader reader, TorchSharp.torch.ScalarType dtype, long[] shape, string key)
    {
        var length = ByteLength(dtype, shape, key);
        if (reader.BaseStream.CanSeek)
        {
            if (reader.BaseStream.Position + length > reader.BaseStream.Length)
                throw new EndOfStreamException($"The weights file ends inside entry '{key}'");
            reader.BaseStream.Seek(length, SeekOrigin.Current);
            return;
        }
        // A stream that cannot seek is read through in small pieces: the length comes from the file, so reading
        // it into one array would let a damaged file decide how much is allocated.
        var buffer = new byte[(int)Math.Min(length, 81920)];
        while (length > 0)
        {
            var got = reader.Read(buffer, 0, (int)Math.Min(length, buffer.Length));
            if (got == 0) throw new EndOfStreamException($"The weights file ends inside entry '{key}'");
            length -= got;
        }
    }

    // The entry's size in bytes; a product past 64 bits can only come from a damaged file.
    private static long ByteLength(TorchSharp.torch.ScalarType dtype, long[] shape, string key)
    {
        try
        {
            long n = 1;
            foreach (var d in shape) n = checked(n * d);
            return checked(n * ElementSize(dtype));
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"Corrupt weights file: entry '{key}' declares more than 2^63 bytes ([{string.Join(", ", shape)}])");
        }
    }

    private static int ElementSize(TorchSharp.torch.ScalarType dtype) => dtype switch
    {
        TorchSharp.torch.ScalarType.Byte or TorchSharp.torch.ScalarType.Int8 or TorchSharp.torch.ScalarType.Bool => 1,
        TorchSharp.torch.ScalarType.Int16 or TorchSharp.torch.ScalarType.Float16 or TorchSharp.torch.ScalarType.BFloat16 => 2,
        TorchSharp.torch.ScalarType.Int32 or TorchSharp.torch.ScalarType.Float32 => 4,
        TorchSharp.torch.ScalarType.Int64 or TorchSharp.torch.ScalarType.Float64 or TorchSharp.torch.ScalarType.ComplexFloat32 => 8,
        TorchSharp.torch.ScalarType.ComplexFloat64 => 16,
        _ => throw new InvalidDataException($"Unknown dtype code {(int)dtype} in the weights file"),
    };

    private static unsafe byte[] Bytes(TorchSharp.torch.Tensor contiguousCpu)
    {
        var length = checked((int)(contiguousCpu.numel() * contiguousCpu.element_size()));
        Check.Status(Native.tensor_data_ptr(contiguousCpu.Handle, out var data));
        return new ReadOnlySpan<byte>((void*)data, length).ToArray();
    }

    private static unsafe void CopyInto(TorchSharp.torch.Tensor target, byte[] bytes)
    {
        fixed (byte* p = bytes)
        {
            var shape = target.shape;
            fixed (long* s = shape)
            {
                using var source = new TorchSharp.torch.Tensor(Native.tensor_from_data(p, s, shape.Length, (sbyte)target.dtype, (sbyte)target.dtype,
                    (sbyte)target.device_type, target.device_index, 0));
                using (TorchSharp.torch.no_grad()) target.copy_(source);
            }
        }
    }

    internal static void Encode(BinaryWriter writer, long value)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), "LEB128 needs a non-negative value");
        do
        {
            var low = (byte)(value & 0x7f);
            value >>= 7;
            writer.Write(value == 0 ? low : (byte)(low | 0x80));
        } while (value != 0);
    }

    internal static long Decode(BinaryReader reader)
    {
        long result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = reader.ReadByte();
            result |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new InvalidDataException("Corrupt weights file: a LEB128 number runs past 64 bits");
    }
}
