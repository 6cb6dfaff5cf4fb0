// Micro-benchmarks of the binding, run by scripts/bench.sh next to scripts/bench_reference.py (the same work in
// PyTorch). Human-readable lines go to stdout together with machine-readable ones: "RESULT key=value".
//
//   train-step [--threads N] [--warmup 5] [--iterations 30] [--batch 128] [--seed 1]
//   tiny-op    [--threads N] [--iterations 200000] [--batches 20]
using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchBinding.Bench;

internal static class Program
{
    private const string Usage =
        "usage: TorchBinding.Bench train-step [--threads N] [--warmup 5] [--iterations 30] [--batch 128] [--seed 1]\n" +
        "       TorchBinding.Bench tiny-op [--threads N] [--iterations 200000] [--batches 20]";

    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var options = Options.Parse(args.Skip(1));
            // The binding defaults to one thread per core (torch's static constructor); --threads overrides that.
            var threads = options.Int("threads", Environment.ProcessorCount);
            torch.set_num_threads(threads);
            if (torch.get_num_threads() != threads)
                throw new InvalidOperationException($"torch.set_num_threads({threads}) was not honoured (get_num_threads() = {torch.get_num_threads()})");
            switch (args[0])
            {
                case "train-step":
                    TrainStep.Run(options);
                    break;
                case "tiny-op":
                    TinyOp.Run(options);
                    break;
                default:
                    throw new ArgumentException($"unknown mode: {args[0]}");
            }
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"bench: {e.Message}\n{Usage}");
            return 2;
        }
    }
}

// "--name value" pairs. A mode reads its options, then calls ThrowOnUnused before any work: a typo fails at once.
internal sealed class Options
{
    private readonly Dictionary<string, string> values = new();
    private readonly HashSet<string> used = new();

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length == 2) throw new ArgumentException($"expected an option, got '{name}'");
            if (!e.MoveNext()) throw new ArgumentException($"{name} needs a value");
            options.values[name[2..]] = e.Current;
        }
        return options;
    }

    public int Int(string name, int fallback, int min = 1)
    {
        used.Add(name);
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
            throw new ArgumentException($"--{name} must be an integer >= {min}, got '{text}'");
        return value;
    }

    public void ThrowOnUnused()
    {
        var unknown = values.Keys.Where(k => !used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(k => "--" + k))}");
    }
}

internal static class Report
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    // Minor page faults of this process so far (/proc/self/stat, field 10): memory the kernel had to map afresh.
    public static long MinorPageFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // The fields after the parenthesised command name, which may itself contain spaces, start at field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[10 - 3], CultureInfo.InvariantCulture);
    }

    public static void Result(string key, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {key}={value:0.######}"));

    public static void Result(string key, string value) => Console.WriteLine($"RESULT {key}={value}");
}

// One training step of the tutorial CNN, as MnistCompare trains it: a fresh random batch, zero_grad, forward,
// NLL loss, backward, clip_grad_value_(0.5), Adam step, all inside one dispose scope.
internal static class TrainStep
{
    // Step phases, timed separately for diagnosis; "release" is the dispose scope freeing the step's tensors.
    private static readonly string[] PhaseNames = { "data", "zero_grad", "forward", "loss", "backward", "clip", "step", "release" };

    public static void Run(Options options)
    {
        var warmup = options.Int("warmup", 5, min: 0);
        var iterations = options.Int("iterations", 30);
        var batch = options.Int("batch", 128);
        var seed = options.Int("seed", 1, min: 0);
        options.ThrowOnUnused();
        torch.random.manual_seed(seed);

        using var model = nn.Sequential(
            ("conv1", nn.Conv2d(1, 32, 3)),
            ("relu1", nn.ReLU()),
            ("conv2", nn.Conv2d(32, 64, 3)),
            ("relu2", nn.ReLU()),
            ("pool", nn.MaxPool2d(2)),
            ("dropout1", nn.Dropout(0.25)),
            ("flatten", nn.Flatten()),
            ("fc1", nn.Linear(9216, 128)),
            ("relu3", nn.ReLU()),
            ("dropout2", nn.Dropout(0.5)),
            ("fc2", nn.Linear(128, 10)),
            ("log_softmax", nn.LogSoftmax(1)));
        model.train();
        var parameters = model.parameters().ToList();
        using var optimizer = optim.Adam(parameters, lr: 1e-3);
        var imageShape = new long[] { batch, 1, 28, 28 };
        var labelShape = new long[] { batch };

        var totals = new List<double>(iterations);
        var phases = PhaseNames.Select(_ => new List<double>(iterations)).ToArray();
        var marks = new long[PhaseNames.Length + 1];
        var warmupLoss = float.NaN;
        long allocatedBefore = 0, faultsBefore = 0;
        var collectionsBefore = new int[3];
        for (var i = 0; i < warmup + iterations; i++)
        {
            if (i == warmup)
            {
                // Faults first: reading /proc allocates, and those bytes are not the step's.
                faultsBefore = Report.MinorPageFaults();
                allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                for (var g = 0; g < 3; g++) collectionsBefore[g] = GC.CollectionCount(g);
            }
            marks[0] = Stopwatch.GetTimestamp();
            using (NewDisposeScope())
            {
                var images = randn(imageShape);
                var labels = randint(10, labelShape);
                marks[1] = Stopwatch.GetTimestamp();
                optimizer.zero_grad();
                marks[2] = Stopwatch.GetTimestamp();
                var output = model.call(images);
                marks[3] = Stopwatch.GetTimestamp();
                var loss = nn.functional.nll_loss(output, labels);
                marks[4] = Stopwatch.GetTimestamp();
                loss.backward();
                marks[5] = Stopwatch.GetTimestamp();
                nn.utils.clip_grad_value_(parameters, 0.5);
                marks[6] = Stopwatch.GetTimestamp();
                optimizer.step();
                marks[7] = Stopwatch.GetTimestamp();
                // Only in untimed steps: the loss shows the model really trains.
                if (i < warmup) warmupLoss = loss.item<float>();
            }
            marks[8] = Stopwatch.GetTimestamp();
            if (i < warmup) continue;
            totals.Add(Report.Milliseconds(marks[0], marks[8]));
            for (var p = 0; p < PhaseNames.Length; p++) phases[p].Add(Report.Milliseconds(marks[p], marks[p + 1]));
        }

        var allocatedPerStep = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)iterations;
        var faultsPerStep = (Report.MinorPageFaults() - faultsBefore) / (double)iterations;
        var collections = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]).ToArray();
        var median = Report.Median(totals);
        var mean = totals.Average();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"TorchBinding train step: batch {batch}, {torch.get_num_threads()} threads, {warmup} warm-up + {iterations} timed steps: " +
            $"median {median:0.000} ms, mean {mean:0.000} ms, min {totals.Min():0.000} ms, max {totals.Max():0.000} ms (last warm-up loss {warmupLoss:0.0000})"));
        Console.WriteLine("  phase medians (ms): " + string.Join(", ",
            PhaseNames.Select((n, p) => string.Create(CultureInfo.InvariantCulture, $"{n} {Report.Median(phases[p]):0.000}"))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  minor page faults per step: {faultsPerStep:0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  managed heap: {allocatedPerStep / 1024:0.0} KiB allocated per step; GCs during the timed steps: gen0 {collections[0]}, gen1 {collections[1]}, gen2 {collections[2]}"));
        Report.Result("side", "TorchBinding");
        Report.Result("threads", torch.get_num_threads());
        Report.Result("batch", batch);
        Report.Result("managed_kib_per_step", allocatedPerStep / 1024);
        Report.Result("page_faults_per_step", faultsPerStep);
        Report.Result("train_step_ms_median", median);
        Report.Result("train_step_ms_mean", mean);
        for (var p = 0; p < PhaseNames.Length; p++) Report.Result($"phase_{PhaseNames[p]}_ms", Report.Median(phases[p]));
    }
}

// The fixed cost of one call through the binding: a one-element op whose kernel is negligible, timed in batches.
//   neg:  t.neg() then Dispose() (a new native tensor, its managed wrapper, freeing both)
//   add_: a.add_(b) (in place; no new tensor, the binding's alias handle only)
internal static class TinyOp
{
    public static void Run(Options options)
    {
        var iterations = options.Int("iterations", 200_000);
        var batches = options.Int("batches", 20);
        options.ThrowOnUnused();
        var perBatch = Math.Max(1, iterations / batches);

        using var t = ones(1);
        using var b = full(new long[] { 1 }, 0.0);
        Report.Result("side", "TorchBinding");
        Report.Result("threads", torch.get_num_threads());
        Measure("neg", perBatch, batches, () => t.neg().Dispose());
        Measure("add_", perBatch, batches, () => t.add_(b));
    }

    private static void Measure(string name, int perBatch, int batches, Action op)
    {
        for (var i = 0; i < perBatch; i++) op(); // warm-up: one batch
        var nsPerOp = new List<double>(batches);
        for (var batch = 0; batch < batches; batch++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < perBatch; i++) op();
            nsPerOp.Add(Report.Milliseconds(start, Stopwatch.GetTimestamp()) * 1e6 / perBatch);
        }
        var median = Report.Median(nsPerOp);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"TorchBinding tiny op {name}: median {median:0.0} ns/op over {batches} batches of {perBatch} (min {nsPerOp.Min():0.0}, max {nsPerOp.Max():0.0})"));
        Report.Result($"tiny_{name}_ns", median);
    }
}
