namespace MnistCompare.Circles;

// One trained configuration: how well it separates the rings and the picture of how it does it.
public sealed record CirclesResult(
    CirclesConfiguration Configuration,
    double TrainAccuracy,
    double TestAccuracy,
    double TestLoss,
    long Parameters,
    double Seconds,
    ProbabilityMap Map);
