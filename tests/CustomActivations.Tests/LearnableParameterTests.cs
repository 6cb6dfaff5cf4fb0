using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations.Tests;

// PReLU's slopes and Swish's β receive gradients and move under Adam; maxout's gradient reaches only the winning
// piece of each group.
public class LearnableParameterTests
{
    private sealed class TinyNet : nn.Module<Tensor, Tensor>
    {
        private readonly Linear first = nn.Linear(3, 4);
        private readonly nn.Module<Tensor, Tensor> activation;
        private readonly Linear second = nn.Linear(4, 1);

        public TinyNet(string activationName) : base(nameof(TinyNet))
        {
            activation = ActivationRegistry.Create(activationName, 4);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var hidden = first.call(input);
            using var activated = activation.call(hidden);
            return second.call(activated);
        }
    }

    [Theory]
    [InlineData("prelu", "activation.weight")]
    [InlineData("prelu:channel", "activation.weight")]
    [InlineData("swish:learnable", "activation.beta")]
    public void LearnableParametersReceiveGradientsAndMoveUnderAdam(string name, string parameterName)
    {
        manual_seed(1);
        using var net = new TinyNet(name);
        var (registered, parameter) = net.named_parameters().Single(p => p.name == parameterName);
        Assert.Equal(parameterName, registered);
        var before = TensorAssert.Values(parameter);
        using var optimizer = optim.Adam(net.parameters(), lr: 0.05);

        for (var step = 0; step < 5; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var x = randn(64, 3).mul_(2.0);
            var target = x.sum(1L, keepdim: true).abs_();
            var loss = nn.functional.mse_loss(net.call(x), target);
            loss.backward();
            using var grad = parameter.grad;
            Assert.NotNull(grad);
            Assert.True(grad!.abs().sum().item<float>() > 0, $"{parameterName} got a zero gradient");
            optimizer.step();
        }

        var after = TensorAssert.Values(parameter);
        Assert.Equal(before.Length, after.Length);
        Assert.True(before.Zip(after).All(p => p.First != p.Second), $"{parameterName} did not move: {string.Join(", ", after)}");
    }

    [Fact]
    public void PReluStartsAtAQuarterWithOneOrPerChannelSlopes()
    {
        using var shared = (PReluActivation)ActivationRegistry.Create("prelu", 8);
        using var perChannel = (PReluActivation)ActivationRegistry.Create("prelu:channel", 8);
        Assert.Equal(new long[] { 1 }, shared.Weight.shape);
        Assert.Equal(new long[] { 8 }, perChannel.Weight.shape);
        Assert.All(TensorAssert.Values(perChannel.Weight), w => Assert.Equal(0.25, w));
        Assert.Equal(new[] { "weight" }, perChannel.named_parameters().Select(p => p.name));
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => perChannel.call(randn(2, 5)));
    }

    [Fact]
    public void SwishWithAFixedBetaHasNoParameters()
    {
        using var swish = (SwishActivation)ActivationRegistry.Create("swish:2");
        Assert.Empty(swish.parameters());
        Assert.Equal(2.0, swish.Beta);
        using var learned = (SwishActivation)ActivationRegistry.Create("swish:learnable");
        Assert.Single(learned.parameters());
        Assert.Equal(1.0, learned.Beta);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void MaxoutGradientFlowsOnlyToTheWinningPiece(int k)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(21);
        using var maxout = ActivationRegistry.Create($"maxout:{k}");
        const int groups = 4;
        var x = randn(new long[] { 3, groups * k, 2, 2 }, ScalarType.Float64, generator: generator).requires_grad_(true);
        var y = maxout.call(x);
        Assert.Equal(new long[] { 3, groups, 2, 2 }, y.shape);
        var upstream = randn(y.shape, ScalarType.Float64, generator: generator);
        y.backward(new List<Tensor> { upstream });

        var xv = x.detach().data<double>();
        var gv = x.grad!.data<double>();
        var yv = y.detach().data<double>();
        var uv = upstream.data<double>();
        for (long n = 0; n < 3; n++)
        for (long c = 0; c < groups; c++)
        for (long h = 0; h < 2; h++)
        for (long w = 0; w < 2; w++)
        {
            var winner = Enumerable.Range(0, k).MaxBy(j => xv[n, c * k + j, h, w]);
            Assert.Equal(xv[n, c * k + winner, h, w], yv[n, c, h, w]);
            for (var j = 0; j < k; j++)
            {
                var expected = j == winner ? uv[n, c, h, w] : 0.0;
                Assert.Equal(expected, gv[n, c * k + j, h, w]);
            }
        }
    }

    [Fact]
    public void MaxoutRejectsAChannelCountThatIsNotAMultipleOfK()
    {
        using var scope = NewDisposeScope();
        using var maxout = ActivationRegistry.Create("maxout:3");
        var e = Assert.Throws<ArgumentException>(() => maxout.call(randn(2, 4)));
        Assert.Contains("divisible by 3", e.Message);
    }
}
