using System.Text.Json;
using System.Text.Json.Serialization;
using MnistCompare.Evaluation;
using MnistCompare.Training;

namespace MnistCompare.Workers;


// One line a training worker writes on its stdout, as JSON: exactly one of the properties is set. The parent answers
// every Epoch with Acknowledgement on the worker's stdin once metrics.csv holds it; the worker writes the epoch's
// checkpoint only then, so that a checkpoint never covers an epoch the run folder lacks (as in a sequential run).
public sealed record WorkerMessage
{
    public const string Acknowledgement = "ack";

    public WorkerStart? Started { get; init; }

    public BatchProgress? Batch { get; init; }

    // Sent just before its epoch's Epoch line, when the run has diagnostics on.
    public IReadOnlyList<LayerDiagnostics>? Diagnostics { get; init; }

    public EpochMetrics? Epoch { get; init; }

    public WorkerResult? Finished { get; init; }

    // Doubles go out in their shortest round-trip form, so the parent writes the very digits a sequential run
    // writes; a diverged epoch's NaN needs the named literals JSON itself lacks.
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToLine() => JsonSerializer.Serialize(this, Options);

    // Null for a line that is not a message (anything else a worker's libraries might print on stdout).
    public static WorkerMessage? Parse(string line)
    {
        if (!line.StartsWith('{')) return null;
        var message = JsonSerializer.Deserialize<WorkerMessage>(line, Options);
        var set = new object?[] { message?.Started, message?.Batch, message?.Diagnostics, message?.Epoch, message?.Finished }.Count(p => p is not null);
        return set == 1 ? message : throw new JsonException($"expected one event in a worker message, found {set}: {line}");
    }
}

public sealed record WorkerStart(string Activation, long Seed, int FirstEpoch);

// The end of a training: its weights are saved (or it diverged); FinalTest as in RunOutcome.
public sealed record WorkerResult(LossAndAccuracy? FinalTest);
