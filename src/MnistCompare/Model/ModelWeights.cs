using CustomActivations;
using MnistCompare.Reporting;
using TorchSharp;
using static TorchSharp.torch;

namespace MnistCompare.Model;

// The way to load the weights a run wrote (models/<activation>-seed<N>.weights, TorchSharp's format) back into
// the tutorial CNN. TorchSharp's Module.load throws whatever its reader meets, with or without the path:
// ArgumentException for a mismatch, EndOfStreamException for a short file, FormatException for a garbled key.
// Here every such failure becomes one WeightsFileException that names the file and says what is wrong.
public static class ModelWeights
{
    // Replaced atomically like every file of a run. TorchSharp's Module.save(Stream) closes the stream it is given,
    // which would leave nothing to flush to disk; a writer that leaves it open keeps that step ours.
    public static void Save(nn.Module model, string path) => AtomicFile.Write(path, stream =>
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        model.save(writer);
        writer.Flush();
    });

    // A new network for `activation` (as written in the run's config.json, e.g. "leaky-relu:0.2") on the CPU,
    // holding the weights of `path`. A failed load would leave the network half overwritten, so it is disposed.
    public static TutorialCnn Load(string path, string activation, int imageSize = 28)
    {
        var model = new TutorialCnn(ActivationRegistry.Parse(activation), imageSize);
        try
        {
            LoadInto(model, path, $"the {activation} network for {imageSize}×{imageSize} images");
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    // Loads `path` into `model`, which must have exactly the entries and shapes of the file (strict). A missing
    // file is a FileNotFoundException, as for every other file the app reads; anything wrong with the contents
    // is a WeightsFileException, after which the model's weights are unspecified.
    public static void LoadInto(nn.Module model, string path, string? description = null)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new FileNotFoundException($"{path}: no such weights file", path);
        var what = description ?? $"this {model.GetName()}";
        if (file.Length == 0) throw new WeightsFileException(path, $"empty file (0 bytes); expected the weights of {what}");
        var loaded = new Dictionary<string, bool>();
        try
        {
            model.load(path, loadedParameters: loaded);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or InvalidOperationException
                                       or FormatException or OverflowException)
        {
            var problem = e is EndOfStreamException
                ? $"cut short, or not a weights file: it ends before all the weights of {what} were read"
                : $"not the weights of {what}";
            // TorchSharp's shape mismatch does not say which entry: a file of a network of the same layout holds its
            // entries in the model's order, so it is the first one not loaded.
            var entry = e.Message.Contains("shape", StringComparison.OrdinalIgnoreCase)
                ? model.state_dict().Keys.FirstOrDefault(key => !loaded.ContainsKey(key))
                : null;
            var detail = entry is null ? OneLine(e.Message) : $"{entry}: {OneLine(e.Message)}";
            throw new WeightsFileException(path, $"{problem} ({detail})", e);
        }
    }

    private static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
}
