using System.CommandLine.Parsing;
using System.Globalization;

namespace MnistCompare.Cli;

// Parses the values of a list option such as --widths 2,4,8,32: commas or separate tokens, positive whole
// numbers only. A bad piece becomes the option's one-line error rather than an exception.
public static class NumberList
{
    public static int[] ParsePositive(ArgumentResult result, string optionName)
    {
        var numbers = new List<int>();
        foreach (var piece in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(piece, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                result.AddError($"{optionName}: '{piece}' is not a positive whole number");
                return Array.Empty<int>();
            }
            numbers.Add(number);
        }
        if (numbers.Count == 0) result.AddError($"{optionName} needs at least one number");
        return numbers.ToArray();
    }
}
