using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace TorchBinding.Tests;

// The same seed gives the same numbers, twice in one process. These tests use the global RNG, so they run alone.
[Collection(SerialCollection.Name)]
public class DeterminismTests
{
    private static double[] Draw(long seed, Func<Tensor> draw)
    {
        manual_seed(seed);
        using var scope = NewDisposeScope();
        return Values.Of(draw());
    }

    [Fact]
    public void RandnRandRandintAndRandpermRepeatUnderTheSameSeed()
    {
        Func<Tensor>[] draws =
        {
            () => randn(100), () => rand(3, 7), () => randint(0, 1000, new long[] { 50 }), () => randperm(64),
            () => randn_like(zeros(5, 5)), () => empty(20).normal_(2, 3), () => empty(20).uniform_(-1, 1),
            () => bernoulli(full(new long[] { 50 }, 0.5)),
        };
        foreach (var draw in draws)
        {
            var first = Draw(1234, draw);
            var second = Draw(1234, draw);
            Assert.Equal(first, second);
            Assert.NotEqual(first, Draw(4321, draw));
        }
        // consecutive draws differ; re-seeding replays the whole sequence
        manual_seed(7);
        var a1 = Values.Of(randn(10));
        var a2 = Values.Of(randn(10));
        Assert.NotEqual(a1, a2);
        random.manual_seed(7);
        Assert.Equal(a1, Values.Of(randn(10)));
        Assert.Equal(a2, Values.Of(randn(10)));
        Assert.Equal(7L, random.initial_seed());
    }

    [Fact]
    public void DropoutMasksRepeatUnderTheSameSeed()
    {
        using var x = ones(400);
        var first = Draw(99, () => F.dropout(x, 0.5));
        var second = Draw(99, () => F.dropout(x, 0.5));
        Assert.Equal(first, second);
        Assert.Contains(0.0, first);
        Assert.Contains(2.0, first);
        Assert.NotEqual(first, Draw(100, () => F.dropout(x, 0.5)));
        using var module = Dropout(0.3);
        Assert.Equal(Draw(5, () => module.call(x)), Draw(5, () => module.call(x)));
    }

    [Fact]
    public void RngStateCanBeSavedAndRestored()
    {
        manual_seed(11);
        _ = Values.Of(randn(3));
        using var state = random.get_rng_state();
        var next = Values.Of(randn(5));
        random.set_rng_state(state);
        Assert.Equal(next, Values.Of(randn(5)));
    }

    [Fact]
    public void GeneratorsAreIndependentOfTheGlobalRng()
    {
        using var g1 = new Generator(2024);
        using var g2 = new Generator(2024);
        manual_seed(1);
        var fromG1 = Values.Of(randn(new long[] { 8 }, generator: g1));
        var globalAfter = Values.Of(randn(8));
        manual_seed(1);
        Assert.Equal(globalAfter, Values.Of(randn(8))); // drawing from g1 did not advance the global generator
        Assert.Equal(fromG1, Values.Of(randn(new long[] { 8 }, generator: g2)));
        Assert.Equal(2024L, g1.initial_seed());
        g1.manual_seed(5);
        g2.manual_seed(5);
        Assert.Equal(Values.Of(randperm(20, generator: g1)), Values.Of(randperm(20, generator: g2)));
        using var state = g1.get_state();
        var expected = Values.Of(rand(new long[] { 4 }, generator: g1));
        g1.set_state(state);
        Assert.Equal(expected, Values.Of(rand(new long[] { 4 }, generator: g1)));
    }

    private sealed class Net : Module<Tensor, Tensor>
    {
        private readonly Linear fc1 = Linear(8, 16);
        private readonly Dropout drop = Dropout(0.2);
        private readonly Linear fc2 = Linear(16, 3);

        public Net() : base(nameof(Net)) => RegisterComponents();

        public override Tensor forward(Tensor input) => fc2.call(drop.call(fc1.call(input).relu()));
    }

    // Builds a model (its init draws from the global RNG), trains it a few steps on random data with dropout, and
    // returns the losses and the final weights.
    private static (double[] losses, double[] weights) Train(long seed)
    {
        manual_seed(seed);
        using var model = new Net();
        using var optimizer = optim.Adam(model.parameters(), 0.01);
        var losses = new List<double>();
        for (var step = 0; step < 5; step++)
        {
            using var scope = NewDisposeScope();
            var x = randn(16, 8);
            var y = randint(3, new long[] { 16 });
            optimizer.zero_grad();
            var loss = F.cross_entropy(model.call(x), y);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        return (losses.ToArray(), model.parameters().SelectMany(Values.Of).ToArray());
    }

    [Fact]
    public void TrainingStepsRepeatUnderTheSameSeed()
    {
        var (losses1, weights1) = Train(42);
        var (losses2, weights2) = Train(42);
        Assert.Equal(losses1, losses2);
        Assert.Equal(weights1, weights2);
        var (losses3, _) = Train(43);
        Assert.NotEqual(losses1, losses3);
    }
}
