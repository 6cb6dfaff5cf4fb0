namespace MnistCompare.Cli;

// Splits the values of --activations into activation names. Commas separate activations, except inside a
// parameter: softplus takes "<beta>,<threshold>" (see `list`), so a piece that starts like a number continues the
// parameter of the activation before it: "relu,softplus:2,10,gelu" is relu, softplus:2,10 and gelu. Activation
// names start with a letter, so no name is swallowed; "relu,10" still reports the unknown activation '10'.
public static class ActivationList
{
    public static string[] Split(IEnumerable<string> tokens) => tokens.SelectMany(SplitToken).ToArray();

    private static List<string> SplitToken(string token)
    {
        var names = new List<string>();
        foreach (var piece in token.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (names.Count > 0 && names[^1].Contains(':') && StartsLikeANumber(piece)) names[^1] += "," + piece;
            else names.Add(piece);
        }
        return names;
    }

    private static bool StartsLikeANumber(string piece) => char.IsAsciiDigit(piece[0]) || piece[0] is '+' or '-' or '.';
}
