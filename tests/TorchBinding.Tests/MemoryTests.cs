using System.Diagnostics;
using Xunit.Abstractions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace TorchBinding.Tests;

// Dispose scopes free what they own; a long training loop with one scope per step does not grow resident memory.
[Collection(SerialCollection.Name)]
public class MemoryTests
{
    private readonly ITestOutputHelper output;

    public MemoryTests(ITestOutputHelper output) => this.output = output;

    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith("VmRSS:")) continue;
            var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]);
            return kilobytes * 1024;
        }
        throw new InvalidOperationException("no VmRSS in /proc/self/status");
    }

    private static void CollectGarbage()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    [Fact]
    public void TrainingWithADisposeScopePerStepDoesNotLeak()
    {
        random.manual_seed(3);
        // One intra-op thread: these tensors are far too small to gain from more, and on a loaded machine libtorch's
        // OpenMP pool only adds waiting (3000 steps took 20 s instead of 1 s here). Memory behaviour is the same.
        var threads = get_num_threads();
        set_num_threads(1);
        Assert.Equal(1, get_num_threads());
        try
        {
            TrainAndMeasure();
        }
        finally
        {
            set_num_threads(threads);
            Assert.Equal(threads, get_num_threads());
        }
    }

    private void TrainAndMeasure()
    {
        using var model = Sequential(Linear(64, 32), ReLU(), Linear(32, 10));
        using var optimizer = optim.Adam(model.parameters(), 1e-3);
        var firstLoss = double.NaN;
        var lastLoss = double.NaN;

        void Step()
        {
            using var scope = NewDisposeScope();
            var x = randn(32, 64);
            var y = randint(10, new long[] { 32 });
            optimizer.zero_grad();
            var loss = F.cross_entropy(model.call(x), y);
            loss.backward();
            optimizer.step();
            lastLoss = loss.item<float>();
            if (double.IsNaN(firstLoss)) firstLoss = lastLoss;
        }

        for (var i = 0; i < 200; i++) Step();
        CollectGarbage();
        var before = ResidentBytes();
        var liveBefore = torch.Tensor.LiveCount;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 3000; i++) Step();
        clock.Stop();
        // every tensor a step made was disposed by its scope, without help from the garbage collector
        var liveAfter = torch.Tensor.LiveCount;
        CollectGarbage();
        var growth = ResidentBytes() - before;
        output.WriteLine($"3000 steps in {clock.ElapsedMilliseconds} ms; resident memory {before / 1048576.0:F1} MB -> grew by {growth / 1048576.0:F2} MB");

        Assert.True(liveAfter <= liveBefore, $"{liveAfter - liveBefore} tensors outlived their steps");
        Assert.True(growth < 50L * 1024 * 1024, $"resident memory grew by {growth / (1024.0 * 1024):F1} MB over 3000 steps");
        Assert.True(double.IsFinite(lastLoss) && double.IsFinite(firstLoss));
        // the optimizer state stays one set of moments per parameter
        Assert.Equal(4, optimizer.States.Count);
        Assert.Null(CurrentDisposeScope);
    }

    // One megabyte, never disposed; in a method of its own so that no stack slot of the caller keeps it alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Forget() => _ = ones(256 * 1024);

    [Fact]
    public void ForgottenTensorsAreFreedByTheirFinalizers()
    {
        CollectGarbage();
        var before = ResidentBytes();
        var liveBefore = torch.Tensor.LiveCount;
        for (var i = 0; i < 200; i++)
        {
            Forget();
            if (i % 20 == 0) CollectGarbage();
        }
        CollectGarbage();
        Assert.True(torch.Tensor.LiveCount <= liveBefore);
        var growth = ResidentBytes() - before;
        Assert.True(growth < 50L * 1024 * 1024, $"resident memory grew by {growth / (1024.0 * 1024):F1} MB");
    }

    [Fact]
    public void ADisposeScopeDisposesWhatItOwns()
    {
        CollectGarbage(); // so that no finalizer changes the count while we watch
        var live = torch.Tensor.LiveCount;
        Tensor a, b, kept, detached;
        using (var scope = NewDisposeScope())
        {
            Assert.Same(scope, CurrentDisposeScope);
            a = ones(3);
            b = a * 2 + 1; // the intermediate a*2 belongs to the scope as well
            Assert.Equal(3, scope.DisposablesCount);
            kept = (b + 1).MoveToOuterDisposeScope();
            detached = (b - 1).DetachFromDisposeScope();
            Assert.Equal(3, scope.DisposablesCount);
            Assert.True(scope.Contains(a));
            Assert.False(scope.Contains(kept));
        }
        Assert.Null(CurrentDisposeScope);
        Assert.True(a.IsInvalid);
        Assert.True(b.IsInvalid);
        Assert.False(kept.IsInvalid);
        Assert.False(detached.IsInvalid);
        Assert.Equal(new double[] { 4, 4, 4 }, Values.Of(kept));
        Assert.Equal(new double[] { 2, 2, 2 }, Values.Of(detached));
        Assert.Equal(live + 2, torch.Tensor.LiveCount);
        kept.Dispose();
        detached.Dispose();
        Assert.Equal(live, torch.Tensor.LiveCount);
    }

    [Fact]
    public void MovingOutOfTheOnlyScopeDetachesTheTensor()
    {
        Tensor moved;
        using (var scope = NewDisposeScope())
        {
            moved = ones(2).MoveToOuterDisposeScope();
            Assert.False(scope.Contains(moved));
        }
        Assert.False(moved.IsInvalid);
        Assert.Equal(new double[] { 1, 1 }, Values.Of(moved));
        // outside every scope the calls change nothing
        Assert.Same(moved, moved.MoveToOuterDisposeScope());
        Assert.Same(moved, moved.DetachFromDisposeScope());
        moved.Dispose();
        Assert.True(moved.IsInvalid);
    }

    [Fact]
    public void NestedScopesAndMovingToTheOuterOne()
    {
        Tensor inner, moved, outerOwned;
        using (var outer = NewDisposeScope())
        {
            outerOwned = zeros(2);
            using (var nested = NewDisposeScope())
            {
                Assert.Same(nested, CurrentDisposeScope);
                inner = ones(2);
                moved = (inner * 5).MoveToOuterDisposeScope();
                Assert.True(outer.Contains(moved));
                Assert.False(nested.Contains(moved));
            }
            Assert.Same(outer, CurrentDisposeScope);
            Assert.True(inner.IsInvalid);
            Assert.False(moved.IsInvalid);
            Assert.Equal(new double[] { 5, 5 }, Values.Of(moved));
            Assert.False(outerOwned.IsInvalid);
        }
        // the outer scope took the moved tensor with it
        Assert.True(moved.IsInvalid);
        Assert.True(outerOwned.IsInvalid);
    }

    [Fact]
    public void DisposeEverythingKeepsTheScopeOpen()
    {
        using var scope = NewDisposeScope();
        var first = ones(2);
        var keep = ones(2) * 3;
        scope.DisposeEverythingBut(keep);
        Assert.True(first.IsInvalid);
        Assert.False(keep.IsInvalid);
        Assert.Equal(1, scope.DisposablesCount);
        var later = zeros(2);
        Assert.True(scope.Contains(later));
        scope.DisposeEverything();
        Assert.True(keep.IsInvalid);
        Assert.True(later.IsInvalid);
        Assert.Equal(0, scope.DisposablesCount);
        Assert.Same(scope, CurrentDisposeScope);

        // MoveToOuter / Detach / Include on the scope object
        var x = ones(1);
        var y = ones(1);
        scope.Detach(x);
        Assert.False(scope.Contains(x));
        scope.DisposeEverything();
        Assert.False(x.IsInvalid);
        Assert.True(y.IsInvalid);
        scope.Include(x);
        Assert.True(scope.Contains(x));
        scope.DisposeEverything();
        Assert.True(x.IsInvalid);
    }

    [Fact]
    public void ManualDisposeAndInPlaceOpsKeepTheScopeConsistent()
    {
        using var scope = NewDisposeScope();
        var t = ones(3);
        Assert.Equal(1, scope.DisposablesCount);
        var same = t.add_(1).mul_(2).relu_();
        Assert.Same(t, same);
        Assert.Equal(1, scope.DisposablesCount); // in-place ops add nothing to the scope
        t.Dispose();
        Assert.Equal(0, scope.DisposablesCount);
        Assert.False(scope.Contains(t));

        // each grad read is a new tensor of the scope
        var leaf = ones(2, requires_grad: true);
        leaf.sum().backward();
        var count = scope.DisposablesCount;
        var g1 = leaf.grad!;
        var g2 = leaf.grad!;
        Assert.NotSame(g1, g2);
        Assert.Equal(count + 2, scope.DisposablesCount);
    }

    [Fact]
    public void WrappedTensorDisposeScopeReturnsOnlyTheResult()
    {
        Tensor intermediate = null!;
        var result = WrappedTensorDisposeScope(() =>
        {
            intermediate = ones(4) * 2;
            return intermediate.sum();
        });
        Assert.True(intermediate.IsInvalid);
        Assert.False(result.IsInvalid);
        Assert.Equal(8f, result.item<float>());
        result.Dispose();
    }

    [Fact]
    public void LayersBuiltInsideAScopeSurviveIt()
    {
        Linear layer;
        Parameter loose;
        using (NewDisposeScope())
        {
            layer = Linear(2, 2);
            loose = Parameter(zeros(2));
        }
        Assert.False(layer.weight.IsInvalid);
        Assert.False(layer.bias!.IsInvalid);
        using (var _ = NewDisposeScope()) Assert.Equal(new long[] { 3, 2 }, layer.call(ones(3, 2)).shape);
        // a Parameter made inside a scope is owned by it
        Assert.True(loose.IsInvalid);
        layer.Dispose();
    }

    [Fact]
    public void SequentialDisposesItsIntermediateResults()
    {
        using var seq = Sequential(Linear(4, 8), ReLU(), Linear(8, 8), Tanh(), Linear(8, 2));
        using var scope = NewDisposeScope();
        var x = ones(3, 4);
        var before = scope.DisposablesCount;
        var y = seq.call(x);
        Assert.Equal(before + 1, scope.DisposablesCount);
        Assert.True(scope.Contains(y));
        Assert.False(x.IsInvalid);
    }

    private sealed class Twice : autograd.SingleTensorFunction<Twice>
    {
        public override string Name => nameof(Twice);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            ctx.save_data("payload", new double[1000]);
            return ((Tensor)vars[0]) * 2;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output) => new() { grad_output * 2 };
    }

    // The managed side of a custom function call (its context and saved data) lives until libtorch frees the graph node.
    [Fact]
    public void CustomFunctionContextsAreReleasedWithTheirGraph()
    {
        var field = typeof(torch).Assembly.GetType("TorchBinding.CustomFunctions")!
            .GetField("calls", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var calls = (System.Collections.ICollection)field.GetValue(null)!;
        CollectGarbage();
        var baseline = calls.Count;
        for (var i = 0; i < 200; i++)
        {
            using var scope = NewDisposeScope();
            var x = ones(3, requires_grad: true);
            var y = Twice.apply(x);
            if (i % 2 == 0) y.sum().backward();
            Assert.NotEmpty(calls); // registered while the graph lives
        }
        Assert.True(calls.Count <= baseline, $"{calls.Count - baseline} contexts outlived their graphs");
    }

    [Fact]
    public void DisposeScopesArePerThread()
    {
        using var scope = NewDisposeScope();
        Tensor? fromOtherThread = null;
        DisposeScope? seenThere = scope;
        var thread = new Thread(() =>
        {
            seenThere = CurrentDisposeScope;
            fromOtherThread = ones(1);
        });
        thread.Start();
        thread.Join();
        Assert.Null(seenThere);
        Assert.False(scope.Contains(fromOtherThread!));
        fromOtherThread!.Dispose();
    }
}
