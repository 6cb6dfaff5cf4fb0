using MnistCompare.Reporting;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MnistCompare.Training;

// Everything a training needs to go on after its last finished epoch exactly as if it had never stopped: the
// model's weights, the optimiser's moments, the shuffling generator and the global generator (dropout masks).
// Written atomically after every epoch, so a crash costs at most the epoch in flight.
public static class Checkpoint
{
    private const string Magic = "MnistCompare checkpoint";
    private const int Version = 1;

    // Written last: a file without it was cut short (only possible when something other than us truncated it, as
    // we replace checkpoints atomically), and is known to be unusable before any tensor is read.
    private static readonly byte[] EndMark = "END-CKPT"u8.ToArray();

    public static void Save(string path, Identity identity, int epoch, nn.Module model, OptimizerHelper optimizer, Generator shuffling)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(identity.Activation);
            writer.Write(identity.Seed);
            writer.Write(epoch);
            model.save(writer);
            optimizer.save_state_dict(writer);
            WriteGeneratorState(writer, shuffling.get_state());
            WriteGeneratorState(writer, random.get_rng_state());
            writer.Write(EndMark);
            writer.Flush();
        });
    }

    // Which epoch a checkpoint ends, without loading its tensors; a file that is not a checkpoint of this
    // training raises CheckpointException.
    public static int ReadEpoch(string path, Identity identity)
    {
        using var reader = Open(path);
        var epoch = ReadHeader(reader, path, identity);
        var stream = reader.BaseStream;
        var end = new byte[EndMark.Length];
        if (stream.Length - stream.Position < end.Length) throw new CheckpointException(path, "the file is cut short");
        stream.Seek(-end.Length, SeekOrigin.End);
        stream.ReadExactly(end);
        if (!end.AsSpan().SequenceEqual(EndMark)) throw new CheckpointException(path, "the file is cut short");
        return epoch;
    }

    public static int Load(string path, Identity identity, nn.Module model, OptimizerHelper optimizer, Generator shuffling)
    {
        using var reader = Open(path);
        var epoch = ReadHeader(reader, path, identity);
        try
        {
            model.load(reader);
            optimizer.load_state_dict(reader);
            using (var state = ReadGeneratorState(reader)) shuffling.set_state(state);
            using (var state = ReadGeneratorState(reader)) random.set_rng_state(state);
            if (!reader.ReadBytes(EndMark.Length).AsSpan().SequenceEqual(EndMark)) throw new InvalidDataException("no end mark");
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            throw new CheckpointException(path, e.Message);
        }
        if (reader.BaseStream.Position != reader.BaseStream.Length) throw new CheckpointException(path, "unexpected bytes after the end");
        return epoch;
    }

    public readonly record struct Identity(string Activation, long Seed);

    private static BinaryReader Open(string path) => new(File.OpenRead(path), System.Text.Encoding.UTF8);

    private static int ReadHeader(BinaryReader reader, string path, Identity identity)
    {
        try
        {
            if (reader.ReadString() != Magic) throw new CheckpointException(path, "not a checkpoint");
            var version = reader.ReadInt32();
            if (version != Version) throw new CheckpointException(path, $"format version {version}, expected {Version}");
            var found = new Identity(reader.ReadString(), reader.ReadInt64());
            if (found != identity)
                throw new CheckpointException(path, $"it belongs to {found.Activation} seed {found.Seed}, not {identity.Activation} seed {identity.Seed}");
            var epoch = reader.ReadInt32();
            if (epoch < 1) throw new CheckpointException(path, $"epoch {epoch}");
            return epoch;
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            throw new CheckpointException(path, e.Message);
        }
    }

    private static void WriteGeneratorState(BinaryWriter writer, Tensor state)
    {
        using (state)
        {
            var bytes = state.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    // A CPU generator's state is a few kilobytes (the Mersenne Twister's words); more means a damaged file.
    private const int MaxGeneratorStateBytes = 1 << 16;

    private static Tensor ReadGeneratorState(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length is <= 0 or > MaxGeneratorStateBytes) throw new InvalidDataException($"a generator state of {length} bytes");
        var bytes = reader.ReadBytes(length);
        if (bytes.Length != length) throw new EndOfStreamException("the file ends inside a generator state");
        return tensor(bytes);
    }
}

// A checkpoint that cannot be used; names the file, so the message alone says which one to look at.
public sealed class CheckpointException(string path, string problem) : Exception($"{path}: unusable checkpoint: {problem}")
{
    public string Path { get; } = path;
}
