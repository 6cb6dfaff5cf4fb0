using MnistCompare.Cli;
using MnistCompare.Training;
using Spectre.Console;

namespace MnistCompare.Tests.Cli;

// The terminal display's per-epoch lines, drawn by Spectre into a captured interactive console.
[Collection(AppCollection.Name)]
public sealed class LiveProgressTests
{
    [Fact]
    public void EpochLinesNameTheSeed()
    {
        var output = new StringWriter();
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        try
        {
            AnsiConsole.Progress().Start(context =>
            {
                var live = new LiveProgress(context, pairs: 2, epochs: 2, batchesPerEpoch: 1, finishedPairs: 0);
                live.RunStarted("relu", 7, 1);
                live.EpochCompleted(new EpochMetrics("relu", 7, 1, 0.5, 0.8, 0.4, 0.9123, 1, false, null));
                live.EpochCompleted(new EpochMetrics("relu", 7, 2, double.NaN, double.NaN, double.NaN, double.NaN, 1, true, 3));
            });
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
        var text = output.ToString();
        Assert.Contains("relu seed 7 epoch 1/2: val acc 91.23%, val loss 0.4000", text);
        Assert.Contains("relu seed 7 diverged in epoch 2, batch 3", text);
    }
}
