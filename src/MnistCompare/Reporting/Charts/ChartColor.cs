using System.Globalization;

namespace MnistCompare.Reporting.Charts;

/// <summary>An opaque sRGB colour; translucency is decided where it is drawn (bands), not stored here.</summary>
public readonly record struct ChartColor(byte R, byte G, byte B)
{
    /// <summary>Parses "#rrggbb" (the leading '#' is optional).</summary>
    public static ChartColor FromHex(string hex)
    {
        var digits = hex.StartsWith('#') ? hex.AsSpan(1) : hex.AsSpan();
        if (digits.Length != 6 || !uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint rgb))
            throw new FormatException($"'{hex}' is not a #rrggbb colour.");
        return new ChartColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }

    public string ToHex() => $"#{R:x2}{G:x2}{B:x2}";

    public override string ToString() => ToHex();
}
