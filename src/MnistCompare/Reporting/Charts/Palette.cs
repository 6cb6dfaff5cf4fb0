namespace MnistCompare.Reporting.Charts;

/// <summary>matplotlib's tab10 cycle, so our charts read like the plots people already know.</summary>
public static class Palette
{
    public static IReadOnlyList<ChartColor> Tab10 { get; } =
    [
        ChartColor.FromHex("#1f77b4"),
        ChartColor.FromHex("#ff7f0e"),
        ChartColor.FromHex("#2ca02c"),
        ChartColor.FromHex("#d62728"),
        ChartColor.FromHex("#9467bd"),
        ChartColor.FromHex("#8c564b"),
        ChartColor.FromHex("#e377c2"),
        ChartColor.FromHex("#7f7f7f"),
        ChartColor.FromHex("#bcbd22"),
        ChartColor.FromHex("#17becf"),
    ];

    /// <summary>The colour for the index-th series; wraps around after ten.</summary>
    public static ChartColor At(int index) => Tab10[((index % Tab10.Count) + Tab10.Count) % Tab10.Count];
}
