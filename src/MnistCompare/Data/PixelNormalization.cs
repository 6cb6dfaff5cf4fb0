namespace MnistCompare.Data;

// Standardises pixels after scaling to [0,1]: (x − Mean) / Std. The MNIST values are the training set's own
// statistics (the ones the PyTorch MNIST example uses).
public sealed record PixelNormalization
{
    public PixelNormalization(double mean, double std)
    {
        if (!double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "the normalisation mean must be a finite number");
        }
        if (!double.IsFinite(std) || std <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, "the normalisation std must be a positive finite number");
        }
        Mean = mean;
        Std = std;
    }

    public static PixelNormalization Mnist { get; } = new(0.1307, 0.3081);

    public double Mean { get; }

    public double Std { get; }
}
