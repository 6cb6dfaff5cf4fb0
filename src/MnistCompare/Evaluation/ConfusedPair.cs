namespace MnistCompare.Evaluation;

// How often images of TrueClass were taken for PredictedClass.
public sealed record ConfusedPair(int TrueClass, int PredictedClass, long Count);
