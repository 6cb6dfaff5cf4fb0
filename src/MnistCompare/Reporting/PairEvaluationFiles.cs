using System.Text.Json;
using System.Text.Json.Serialization;
using MnistCompare.Evaluation;

namespace MnistCompare.Reporting;

// Where one activation × seed's evaluation is kept: the whole record as JSON (evaluation/<pair>.json, what the
// run-wide files and figures are rebuilt from, so --resume and plot never score a model again) and its confusion
// matrices as CSV (confusion/<pair>.csv, and confusion/<pair>-test.csv under --validation holdout). Written by
// whoever holds the trained model: the comparison itself, or a --parallel worker.
public sealed record PairEvaluationFiles(string RecordPath, string ValidationConfusionPath, string TestConfusionPath)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void Write(PairEvaluation evaluation)
    {
        foreach (var split in evaluation.Splits)
        {
            var path = split.Split == SplitEvaluation.Test ? TestConfusionPath : ValidationConfusionPath;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllText(path, ConfusionCsv.Format(split.Confusion));
        }
        // Last: a record on disk means the pair's evaluation files are complete.
        Directory.CreateDirectory(Path.GetDirectoryName(RecordPath)!);
        AtomicFile.WriteAllText(RecordPath, JsonSerializer.Serialize(evaluation, Options));
    }

    public static PairEvaluation Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PairEvaluation>(File.ReadAllText(path), Options) is { Splits.Count: > 0 } evaluation &&
                   evaluation.Splits.Any(s => s.Split == SplitEvaluation.Validation)
                ? evaluation
                : throw new InvalidDataException($"{path}: not an evaluation record (no validation results)");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not an evaluation record ({e.Message})", e);
        }
    }
}
