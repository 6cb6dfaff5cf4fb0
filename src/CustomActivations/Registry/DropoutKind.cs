namespace CustomActivations;

/// <summary>Which dropout goes with an activation.</summary>
public enum DropoutKind
{
    /// <summary>Standard dropout: dropped units become 0, kept ones are scaled by 1/(1 − p).</summary>
    Standard = 0,

    /// <summary>Alpha dropout (<see cref="SelfNormalizingDropout"/>), which keeps SELU's mean and variance.</summary>
    Alpha = 1,
}
