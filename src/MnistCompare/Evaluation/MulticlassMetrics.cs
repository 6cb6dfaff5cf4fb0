using Microsoft.ML;
using Microsoft.ML.Data;

namespace MnistCompare.Evaluation;

// Hands a split's predictions to ML.NET's multiclass evaluator and keeps what it reports.
public static class MulticlassMetrics
{
    // Top-1, top-2 and top-3 accuracy.
    public const int TopK = 3;

    // The evaluator wants a key-typed label (the class index), a vector of class scores it reads as probabilities
    // (log-loss is -ln of the true class's score) and a key-typed predicted label; their sizes come from the data.
    private sealed class ScoredImage
    {
        public uint Label { get; set; }

        public float[] Score { get; set; } = [];

        public uint PredictedLabel { get; set; }
    }

    public static SplitEvaluation Evaluate(SplitPredictions predictions)
    {
        if (predictions.Count == 0) throw new ArgumentException($"{predictions.Split}: no predictions to evaluate", nameof(predictions));
        var classes = predictions.ClassCount;
        var schema = SchemaDefinition.Create(typeof(ScoredImage));
        schema[nameof(ScoredImage.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        schema[nameof(ScoredImage.PredictedLabel)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        schema[nameof(ScoredImage.Score)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, classes);
        var rows = Enumerable.Range(0, predictions.Count).Select(i => new ScoredImage
        {
            Label = (uint)predictions.Labels[i],
            Score = predictions.Row(i).ToArray(),
            PredictedLabel = (uint)predictions.Predicted(i),
        });

        var context = new MLContext(seed: 0);
        var data = context.Data.LoadFromEnumerable(rows, schema);
        var metrics = context.MulticlassClassification.Evaluate(data, topKPredictionCount: TopK);
        var confusion = metrics.ConfusionMatrix;
        return new SplitEvaluation(
            predictions.Split,
            predictions.Count,
            metrics.MicroAccuracy,
            metrics.MacroAccuracy,
            metrics.LogLoss,
            metrics.LogLossReduction,
            metrics.TopKAccuracyForAllK.ToArray(),
            confusion.PerClassPrecision.ToArray(),
            confusion.PerClassRecall.ToArray(),
            metrics.PerClassLogLoss.ToArray(),
            confusion.Counts.Select(row => (IReadOnlyList<long>)row.Select(count => (long)count).ToArray()).ToArray());
    }
}
