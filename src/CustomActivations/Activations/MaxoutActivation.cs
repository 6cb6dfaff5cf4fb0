using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// Maxout with k pieces: the maximum over groups of k consecutive channels (dimension 1), so an input with C·k
/// channels gives C. The layer before it must be k times wider — the registry's WidthMultiplier says so — which is
/// where maxout's k-fold parameters come from. The gradient reaches only the winning piece of each group.
/// </summary>
public sealed class MaxoutActivation : ParameterLessModule<Tensor, Tensor>
{
    public const int DefaultPieces = 2;

    public MaxoutActivation(int pieces = DefaultPieces) : base(nameof(MaxoutActivation))
    {
        if (pieces < 2) throw new ArgumentOutOfRangeException(nameof(pieces), pieces, "Maxout needs at least 2 pieces.");
        Pieces = pieces;
    }

    public int Pieces { get; }

    public override Tensor forward(Tensor input)
    {
        var shape = input.shape;
        if (shape.Length < 2 || shape[1] % Pieces != 0)
        {
            throw new ArgumentException(
                $"Maxout with {Pieces} pieces needs a channel count (dimension 1) divisible by {Pieces}; got shape [{string.Join(", ", shape)}].",
                nameof(input));
        }
        var grouped = new long[shape.Length + 1];
        grouped[0] = shape[0];
        grouped[1] = shape[1] / Pieces;
        grouped[2] = Pieces;
        Array.Copy(shape, 2, grouped, 3, shape.Length - 2);
        using var pieces = input.reshape(grouped);
        var (values, indexes) = pieces.max(2L);
        indexes.Dispose();
        return values;
    }
}
