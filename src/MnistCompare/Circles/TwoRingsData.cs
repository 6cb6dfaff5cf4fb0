using static TorchSharp.torch;

namespace MnistCompare.Circles;

// The two-rings data set: points on two concentric circles plus Gaussian noise, the outer ring labelled 0 and
// the inner ring 1, shuffled and split into training and test points. One seed fixes every number.
public sealed class TwoRingsData
{
    private TwoRingsData(TwoRingsShape shape, LabelledPoints train, LabelledPoints test)
    {
        Shape = shape;
        Train = train;
        Test = test;
    }

    public TwoRingsShape Shape { get; }
    public LabelledPoints Train { get; }
    public LabelledPoints Test { get; }

    public static TwoRingsData Generate(TwoRingsShape shape, long seed)
    {
        if (shape.Problem() is { } problem) throw new ArgumentException(problem, nameof(shape));
        var total = shape.TrainSize + shape.TestSize;
        // As many points on each ring (the inner gets the odd one), so that a constant guess scores about 50%.
        var outerCount = total / 2;

        // libtorch's generator rather than System.Random: the seed means the same thing as in the trainer.
        using var generator = new Generator((ulong)seed);
        float[] angles, noise;
        long[] order;
        using (var scope = NewDisposeScope())
        {
            angles = rand(total, generator: generator).data<float>().ToArray();
            noise = randn(total, 2, generator: generator).data<float>().ToArray();
            order = randperm(total, generator: generator).data<long>().ToArray();
        }

        var x = new float[total];
        var y = new float[total];
        var labels = new float[total];
        for (var k = 0; k < total; k++)
        {
            // Position k of the shuffled set holds generated point i; point i lies on the outer ring when i < outerCount.
            var i = order[k];
            var inner = i >= outerCount;
            var radius = inner ? shape.InnerRadius : shape.OuterRadius;
            var angle = 2 * Math.PI * angles[i];
            x[k] = (float)(radius * Math.Cos(angle) + shape.Noise * noise[2 * i]);
            y[k] = (float)(radius * Math.Sin(angle) + shape.Noise * noise[2 * i + 1]);
            labels[k] = inner ? 1f : 0f;
        }

        var train = new LabelledPoints(x[..shape.TrainSize], y[..shape.TrainSize], labels[..shape.TrainSize]);
        var test = new LabelledPoints(x[shape.TrainSize..], y[shape.TrainSize..], labels[shape.TrainSize..]);
        return new TwoRingsData(shape, train, test);
    }
}
