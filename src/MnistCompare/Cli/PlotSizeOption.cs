using System.CommandLine;
using MnistCompare.Reporting.Charts;

namespace MnistCompare.Cli;

// --plot-size WxH, shared by every command that draws.
public static class PlotSizeOption
{
    public static Option<PlotSize?> Create(string defaultDescription = "1600x1000") => new("--plot-size")
    {
        Description = $"Size of the pictures in pixels, width x height. [default: {defaultDescription}]",
        HelpName = "width>x<height",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            var size = PlotSize.TryParse(text, out var error);
            if (size is null) result.AddError($"--plot-size: {error}");
            return size;
        },
    };
}
