using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations.Tests;

public class RegistryTests
{
    private static readonly string[] ExpectedNames =
    {
        "identity", "sigmoid", "tanh", "relu", "leaky-relu", "prelu", "elu", "selu", "gelu", "gelu-erf", "swish", "mish",
        "softplus", "softmax", "maxout",
    };

    [Fact]
    public void NamesAreTheComparisonsActivations() => Assert.Equal(ExpectedNames, ActivationRegistry.Names);

    [Fact]
    public void EveryEntryDescribesItself()
    {
        foreach (var spec in ActivationRegistry.Specs)
        {
            Assert.False(string.IsNullOrWhiteSpace(spec.DisplayName), spec.Name);
            Assert.False(string.IsNullOrWhiteSpace(spec.Formula), spec.Name);
            Assert.Equal(spec.Name == "maxout", spec.BuiltInName is null);
            Assert.Equal(spec.ParameterSyntax is null, spec.ParameterHelp is null);
            Assert.Equal(spec, ActivationRegistry.GetSpec(spec.Name));
        }
        Assert.Equal(0.01, ActivationRegistry.GetSpec("leaky-relu").Defaults["negative_slope"]);
        Assert.Equal(1.0, ActivationRegistry.GetSpec("elu").Defaults["alpha"]);
        Assert.Equal(SeluActivation.Lambda, ActivationRegistry.GetSpec("selu").Defaults["lambda"]);
        Assert.Equal(2, ActivationRegistry.GetSpec("maxout").Defaults["k"]);
        Assert.Equal(20, ActivationRegistry.GetSpec("softplus").Defaults["threshold"]);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void CreateGivesAFreshWorkingModule(string name)
    {
        using var scope = NewDisposeScope();
        using var first = ActivationRegistry.Create(name);
        using var second = ActivationRegistry.Create(name);
        Assert.NotSame(first, second);
        var x = randn(2, 4, 3, 3);
        var y = first.call(x);
        var expectedChannels = name == "maxout" ? 2 : 4;
        Assert.Equal(new long[] { 2, expectedChannels, 3, 3 }, y.shape);
    }

    public static TheoryData<string> AllNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in ActivationRegistry.Names) data.Add(name);
        return data;
    }

    [Fact]
    public void CreateUsesTheDefaultHyperParameters()
    {
        Assert.IsType<IdentityActivation>(ActivationRegistry.Create("identity"));
        Assert.Equal(0.01, Assert.IsType<LeakyReluActivation>(ActivationRegistry.Create("leaky-relu")).NegativeSlope);
        Assert.Equal(1.0, Assert.IsType<EluActivation>(ActivationRegistry.Create("elu")).Alpha);
        Assert.Equal(2, Assert.IsType<MaxoutActivation>(ActivationRegistry.Create("maxout")).Pieces);
        Assert.Equal(1, Assert.IsType<SoftmaxActivation>(ActivationRegistry.Create("softmax")).Dim);
        var softplus = Assert.IsType<SoftplusActivation>(ActivationRegistry.Create("softplus"));
        Assert.Equal((1.0, 20.0), (softplus.Beta, softplus.Threshold));
        var swish = Assert.IsType<SwishActivation>(ActivationRegistry.Create("swish"));
        Assert.Equal((1.0, false), (swish.Beta, swish.IsLearnable));
        Assert.Equal(1, Assert.IsType<PReluActivation>(ActivationRegistry.Create("prelu")).NumParameters);
        Assert.IsType<GeluTanhActivation>(ActivationRegistry.Create("gelu"));
        Assert.IsType<GeluErfActivation>(ActivationRegistry.Create("gelu-erf"));
    }

    [Theory]
    [InlineData("leaky-relu:0.2", "leaky-relu:0.2", "Leaky ReLU (0.2)")]
    [InlineData(" Leaky-ReLU : 0.20 ", "leaky-relu:0.2", "Leaky ReLU (0.2)")]
    [InlineData("elu:0.5", "elu:0.5", "ELU (α=0.5)")]
    [InlineData("maxout:3", "maxout:3", "Maxout (k=3)")]
    [InlineData("softplus:2", "softplus:2", "Softplus (β=2)")]
    [InlineData("softplus:2,10", "softplus:2,10", "Softplus (β=2, threshold 10)")]
    [InlineData("swish:learnable", "swish:learnable", "Swish (learned β)")]
    [InlineData("SiLU", "swish", "Swish")]
    [InlineData("GELU", "gelu", "GELU (tanh)")]
    [InlineData("prelu:channel", "prelu:channel", "PReLU (per channel)")]
    [InlineData("selu", "selu", "SELU")]
    public void ParsesNamesWithParameters(string text, string canonical, string displayName)
    {
        var choice = ActivationRegistry.Parse(text);
        Assert.Equal(canonical, choice.Name);
        Assert.Equal(displayName, choice.DisplayName);
    }

    [Fact]
    public void ParametersReachTheModules()
    {
        Assert.Equal(0.2, Assert.IsType<LeakyReluActivation>(ActivationRegistry.Create("leaky-relu:0.2")).NegativeSlope);
        Assert.Equal(0.5, Assert.IsType<EluActivation>(ActivationRegistry.Create("elu:0.5")).Alpha);
        Assert.Equal(3, Assert.IsType<MaxoutActivation>(ActivationRegistry.Create("maxout:3")).Pieces);
        Assert.Equal(2.0, Assert.IsType<SoftplusActivation>(ActivationRegistry.Create("softplus:2")).Beta);
        Assert.Equal(0, Assert.IsType<SoftmaxActivation>(ActivationRegistry.Create("softmax:0")).Dim);
        Assert.True(Assert.IsType<SwishActivation>(ActivationRegistry.Create("swish:learnable")).IsLearnable);
        Assert.Equal(16, Assert.IsType<PReluActivation>(ActivationRegistry.Create("prelu:channel", 16)).NumParameters);
        Assert.Contains("channel count", Assert.Throws<ArgumentException>(() => ActivationRegistry.Create("prelu:channel")).Message);
    }

    [Fact]
    public void UnknownNamesListTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.Create("swishy"));
        Assert.Contains("swishy", e.Message);
        foreach (var name in ExpectedNames) Assert.Contains(name, e.Message);
        Assert.Throws<ArgumentException>(() => ActivationRegistry.Create(""));
        Assert.Throws<ArgumentException>(() => ActivationRegistry.GetSpec("nope"));
    }

    [Theory]
    [InlineData("leaky-relu:abc")]
    [InlineData("leaky-relu:")]
    [InlineData("leaky-relu:nan")]
    [InlineData("elu:-1")]
    [InlineData("elu:infinity")]
    [InlineData("maxout:1")]
    [InlineData("maxout:2.5")]
    [InlineData("relu:3")]
    [InlineData("gelu:erf")]
    [InlineData("softplus:0")]
    [InlineData("softplus:1,2,3")]
    [InlineData("softplus:1,-1")]
    [InlineData("swish:fast")]
    [InlineData("prelu:3")]
    [InlineData("softmax:x")]
    public void BadParametersAreArgumentExceptions(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.Create(text));
        Assert.Contains(text.Split(':')[0], e.Message);
        Assert.False(ActivationRegistry.TryParse(text, out _, out var error));
        Assert.Equal(e.Message, error);
    }

    [Fact]
    public void SeluComesWithLecunNormalAndAlphaDropoutTheOthersWithTheDefaults()
    {
        foreach (var spec in ActivationRegistry.Specs)
        {
            var isSelu = spec.Name == "selu";
            Assert.Equal(isSelu ? InitKind.LecunNormal : InitKind.Default, spec.Init);
            Assert.Equal(isSelu ? DropoutKind.Alpha : DropoutKind.Standard, spec.Dropout);
            using var dropout = spec.CreateDropout(0.25);
            if (isSelu) Assert.Equal(0.25, Assert.IsType<SelfNormalizingDropout>(dropout).P);
            else Assert.Equal(0.25, Assert.IsType<Dropout>(dropout).p);
        }
    }

    [Fact]
    public void ApplyInitInitialisesOnlyForSelu()
    {
        manual_seed(4);
        using var layer = nn.Linear(200, 100);
        var before = TensorAssert.Values(layer.weight);
        ActivationRegistry.Parse("relu").ApplyInit(layer);
        Assert.Equal(before, TensorAssert.Values(layer.weight));

        ActivationRegistry.Parse("selu").ApplyInit(layer);
        Assert.NotEqual(before, TensorAssert.Values(layer.weight));
        Assert.Equal(0f, layer.bias!.abs().max().item<float>());
        Assert.InRange(layer.weight.std().item<float>(), 0.95 / Math.Sqrt(200), 1.05 / Math.Sqrt(200));
    }

    [Fact]
    public void MaxoutWidensTheLayerBeforeItKFold()
    {
        Assert.Equal(3, ActivationRegistry.Parse("maxout:3").WidthMultiplier);
        Assert.Equal(2, ActivationRegistry.Parse("maxout").WidthMultiplier);
        Assert.All(ActivationRegistry.Names.Where(n => n != "maxout"), n => Assert.Equal(1, ActivationRegistry.Parse(n).WidthMultiplier));

        // A k-times wider layer holds k times the parameters and maxout brings it back to the original width.
        using var scope = NewDisposeScope();
        var choice = ActivationRegistry.Parse("maxout:3");
        using var plain = nn.Linear(10, 8);
        using var widened = nn.Linear(10, 8 * choice.WidthMultiplier);
        Assert.Equal(3 * plain.weight.numel(), widened.weight.numel());
        using var maxout = choice.CreateModule();
        Assert.Equal(new long[] { 5, 8 }, maxout.call(widened.call(randn(5, 10))).shape);
    }

    [Fact]
    public void TheTutorialSelectionParses()
    {
        var choices = ActivationRegistry.TutorialSelection.Select(ActivationRegistry.Parse).ToList();
        Assert.Equal(new[] { "Sigmoid", "ReLU", "ELU", "Leaky ReLU (0.2)", "SELU", "GELU (tanh)" }, choices.Select(c => c.DisplayName));
    }

    [Fact]
    public void TheGrammarMentionsEveryParameterisedActivation()
    {
        foreach (var spec in ActivationRegistry.Specs.Where(s => s.ParameterSyntax is not null))
            Assert.Contains(spec.Name + ":", ActivationRegistry.Grammar);
    }
}
