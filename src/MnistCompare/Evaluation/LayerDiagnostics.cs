namespace MnistCompare.Evaluation;

// One row of diagnostics.csv: one hidden layer of one activation × seed after one epoch. Mean, StandardDeviation,
// DeadFraction and SaturatedFraction describe the activation's output on the fixed probe batch (eval mode);
// GradientNorm is the L2 norm of the layer's weight gradient before clipping, averaged over the epoch's batches.
// SaturatedFraction is NaN for activations that are not element-wise (maxout, softmax): they have no f′(x).
public sealed record LayerDiagnostics(
    string Activation,
    long Seed,
    int Epoch,
    string Layer,
    double Mean,
    double StandardDeviation,
    double DeadFraction,
    double SaturatedFraction,
    double GradientNorm);
