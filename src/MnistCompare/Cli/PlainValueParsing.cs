using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace MnistCompare.Cli;

// System.CommandLine reports a value it cannot convert with the .NET type it wanted ("as expected type
// 'System.Nullable`1[System.Int32]'"). Numeric options get a parser of their own instead, whose error names the
// option, the value given and what it accepts, in one line.
public static class PlainValueParsing
{
    public static void ApplyTo(IEnumerable<Option> options)
    {
        foreach (var option in options)
        {
            switch (option)
            {
                case Option<int> { CustomParser: null } o:
                    o.CustomParser = r => Number<int>(r, "a whole number");
                    break;
                case Option<int?> { CustomParser: null } o:
                    o.CustomParser = r => Number<int>(r, "a whole number");
                    break;
                case Option<long> { CustomParser: null } o:
                    o.CustomParser = r => Number<long>(r, "a whole number");
                    break;
                case Option<double> { CustomParser: null } o:
                    o.CustomParser = r => Number<double>(r, "a number");
                    break;
            }
        }
    }

    private static T Number<T>(ArgumentResult result, string accepted) where T : INumber<T>
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var style = typeof(T) == typeof(double) ? NumberStyles.Float : NumberStyles.Integer;
        if (T.TryParse(text, style, CultureInfo.InvariantCulture, out var value)) return value;
        result.AddError($"{OptionName(result)}: '{text}' is not {accepted}");
        return T.Zero;
    }

    public static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : "argument";
}
