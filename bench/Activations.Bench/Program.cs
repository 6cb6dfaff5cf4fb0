using System.Diagnostics;
using System.Globalization;
using Activations.Bench;
using CustomActivations;
using TorchSharp;
using static TorchSharp.torch;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
List<ActivationChoice> choices;
try
{
    options = BenchOptions.Parse(args);
    var names = options.All
        ? ActivationRegistry.Names.Where(n => ActivationRegistry.GetSpec(n).BuiltInName is not null && n != "identity")
            .Select(n => n == "leaky-relu" ? "leaky-relu:0.2" : n)
        : options.Activations;
    choices = names.Select(ActivationRegistry.Parse).ToList();
    var missing = choices.FirstOrDefault(c => c.BuiltIn is null);
    if (missing is not null) throw new ArgumentException($"'{missing.Name}' has no libtorch built-in to compare with.");
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"Activations.Bench: {e.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

set_num_threads(options.Threads);
manual_seed(0);
var input = randn(options.Shape);
var upstream = randn(options.Shape);

Console.WriteLine($"Forward + backward, float32 [{string.Join("x", options.Shape)}], {get_num_threads()} libtorch thread(s), " +
    $"median of {options.Runs} runs after {options.Warmup} warm-up runs (custom and built-in interleaved).");
Console.WriteLine();
Console.WriteLine("| activation | custom fwd+bwd (ms) | built-in fwd+bwd (ms) | ratio | ratio of fastest runs | target |");
Console.WriteLine("|---|---:|---:|---:|---:|---|");

var failed = 0;
var targetedCount = 0;
foreach (var choice in choices)
{
    using var module = choice.CreateModule(options.Shape.Length > 1 ? options.Shape[1] : 1);
    var custom = new List<double>();
    var builtIn = new List<double>();
    for (var run = 0; run < options.Warmup + options.Runs; run++)
    {
        // Alternate which goes first so that neither always runs on a warmer cache.
        var customFirst = run % 2 == 0;
        var first = Time(customFirst ? module.call : choice.BuiltIn!, input, upstream);
        var second = Time(customFirst ? choice.BuiltIn! : module.call, input, upstream);
        if (run < options.Warmup) continue;
        custom.Add(customFirst ? first : second);
        builtIn.Add(customFirst ? second : first);
    }
    var customMs = Median(custom);
    var builtInMs = Median(builtIn);
    var ratio = customMs / builtInMs;
    // On a shared machine the fastest runs show the intrinsic cost best; the target is judged on the medians.
    var fastestRatio = custom.Min() / builtIn.Min();
    var targeted = BenchOptions.Targeted.Any(t => ActivationRegistry.GetSpec(t) == choice.Spec);
    var verdict = !targeted ? "—" : ratio <= BenchOptions.TargetRatio ? $"≤ {BenchOptions.TargetRatio}× met" : $"≤ {BenchOptions.TargetRatio}× MISSED";
    if (targeted) targetedCount++;
    if (targeted && ratio > BenchOptions.TargetRatio) failed++;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {choice.DisplayName} (`{choice.Name}`) | {customMs:F1} | {builtInMs:F1} | {ratio:F2}× | {fastestRatio:F2}× | {verdict} |"));
}
Console.WriteLine();
if (targetedCount > 0) Console.WriteLine($"{targetedCount - failed} of {targetedCount} speed targets (≤ {BenchOptions.TargetRatio}× the built-in) met.");
return 0;

static double Time(Func<Tensor, Tensor> activation, Tensor input, Tensor upstream)
{
    using var scope = NewDisposeScope();
    var x = input.detach().requires_grad_(true);
    var watch = Stopwatch.StartNew();
    var y = activation(x);
    y.backward(new List<Tensor> { upstream });
    watch.Stop();
    return watch.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    var mid = sorted.Count / 2;
    return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
