namespace CustomActivations;

/// <summary>How the layers around an activation are initialised.</summary>
public enum InitKind
{
    /// <summary>The layers' own initialisation (PyTorch's: Kaiming-uniform weights, uniform biases).</summary>
    Default = 0,

    /// <summary>LeCun-normal weights and zero biases (<see cref="LecunNormal"/>), for SELU.</summary>
    LecunNormal = 1,
}
