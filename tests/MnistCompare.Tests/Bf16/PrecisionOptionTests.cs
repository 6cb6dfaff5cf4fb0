using Precision = MnistCompare.Model.Precision;
using System.CommandLine;
using MnistCompare.Cli;

namespace MnistCompare.Tests.Bf16;

// --precision on the command line (parse only; nothing trains).
public sealed class PrecisionOptionTests
{
    [Theory]
    [InlineData(new string[0], Precision.Fp32)]
    [InlineData(new[] { "--precision", "fp32" }, Precision.Fp32)]
    [InlineData(new[] { "--precision", "bf16" }, Precision.Bf16)]
    [InlineData(new[] { "--precision", "BF16" }, Precision.Bf16)]
    public void PrecisionBecomesASetting(string[] args, Precision expected)
    {
        var options = new CompareOptions();
        var command = new RootCommand();
        foreach (var option in options.All) command.Options.Add(option);

        var parse = command.Parse(args);

        Assert.Empty(parse.Errors);
        Assert.Equal(expected, options.ToSettings(parse).Precision);
    }
}
