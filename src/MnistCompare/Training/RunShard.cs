namespace MnistCompare.Training;

// One activation × seed pair of a plan, as config.json lists a shard's pairs.
public sealed record PlannedPair
{
    public string Activation { get; init; } = "";

    public long Seed { get; init; }
}

// A run that trains one shard of a plan (compare --shard K/N): shard Index of Count, and the pairs that fall to it.
// The pairs are dealt round-robin over the plan in its fixed order (pair i to shard i mod N + 1), not cut in
// contiguous blocks: with several seeds a block would give one shard every seed of the slowest activation, while
// dealing spreads each activation's seeds over the shards. Every shard of a sweep gets the same settings, so every
// shard computes the same plan and the shards partition it exactly.
public sealed record RunShard
{
    public int Index { get; init; }

    public int Count { get; init; }

    // Recorded for people reading config.json (and checked against the plan when it is read back).
    public IReadOnlyList<PlannedPair> Pairs { get; init; } = Array.Empty<PlannedPair>();

    public static RunShard Of(RunSettings plan, int index, int count)
    {
        if (count < 1 || index < 1 || index > count)
            throw new ArgumentOutOfRangeException(nameof(index), $"shard {index} of {count}: expected 1 ≤ K ≤ N");
        var pairs = plan.PlanPairs()
            .Where((_, i) => i % count == index - 1)
            .Select(p => new PlannedPair { Activation = p.Activation, Seed = p.Seed })
            .ToList();
        return new RunShard { Index = index, Count = count, Pairs = pairs };
    }

    // Which shard of `count` trains the plan's pair at `planPosition` (0-based): the rule Of deals by.
    public static int IndexOf(int planPosition, int count) => planPosition % count + 1;

    public string Describe() => $"shard {Index} of {Count}";
}
