using System.Text.Json;
using System.Text.Json.Serialization;
using MnistCompare.Training;

namespace MnistCompare.Reporting;

// config.json: every setting of a run, enough for `scripts/rerun.sh RUN_DIR` and `--resume` to repeat it.
public static class RunConfigFile
{
    public const string FileName = "config.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Write(string path, RunSettings settings) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(settings, Options) + "\n");

    // The settings as config.json spells them, key by key (what SettingsComparison compares).
    public static System.Text.Json.Nodes.JsonObject ToJson(RunSettings settings) =>
        JsonSerializer.SerializeToNode(settings, Options)!.AsObject();

    public static RunSettings Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        try
        {
            return JsonSerializer.Deserialize<RunSettings>(File.ReadAllText(path), Options)
                   ?? throw new InvalidDataException($"{path}: empty configuration");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid run configuration ({e.Message})");
        }
    }
}
