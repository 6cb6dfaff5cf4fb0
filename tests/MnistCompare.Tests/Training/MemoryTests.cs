using System.Diagnostics;
using MnistCompare.Tests.Cli;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace MnistCompare.Tests.Training;

// The trainer frees each batch's tensors with a dispose scope of its own, not through the garbage collector; a run
// of hours depends on that keeping resident memory flat.
[Collection(AppCollection.Name)]
public sealed class MemoryTests
{
    private readonly ITestOutputHelper output;

    public MemoryTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void ThreeThousandStepsWithADisposeScopeEachLeaveNoTensorsAndNoGrowth()
    {
        random.manual_seed(3);
        // These tensors are far too small to gain from a second thread; memory behaves the same with one.
        var threads = get_num_threads();
        set_num_threads(1);
        try
        {
            using var model = Sequential(Linear(64, 32), ReLU(), Linear(32, 10));
            using var optimizer = optim.Adam(model.parameters(), 1e-3);
            var losses = new List<float>();

            void Step()
            {
                using var scope = NewDisposeScope();
                var x = randn(32, 64);
                var y = randint(10, new long[] { 32 });
                optimizer.zero_grad();
                var loss = F.cross_entropy(model.call(x), y);
                loss.backward();
                optimizer.step();
                losses.Add(loss.item<float>());
            }

            for (var i = 0; i < 200; i++) Step();
            CollectGarbage();
            var before = ResidentBytes();
            var liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 3000; i++) Step();
            // Counted before any collection: the scopes, not finalisers, must have freed every tensor.
            var liveAfter = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            CollectGarbage();
            var growth = ResidentBytes() - before;
            output.WriteLine($"3000 steps in {clock.ElapsedMilliseconds} ms; resident {before / 1048576.0:F1} MB, grew by {growth / 1048576.0:F2} MB");

            Assert.True(liveAfter <= liveBefore, $"{liveAfter - liveBefore} tensors outlived their steps");
            Assert.True(growth < 50L * 1024 * 1024, $"resident memory grew by {growth / 1048576.0:F1} MB over 3000 steps");
            Assert.All(losses, loss => Assert.True(float.IsFinite(loss)));
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
    }

    private static void CollectGarbage()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
