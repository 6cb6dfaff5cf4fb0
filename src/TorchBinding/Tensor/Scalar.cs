namespace TorchSharp;

// A number that crosses the shim by value as (bits, kind); see native/shim.h. Nothing native to free.
public sealed class Scalar : IDisposable
{
    internal const sbyte FloatKind = 0;
    internal const sbyte IntegerKind = 1;
    internal const sbyte BoolKind = 2;

    internal readonly long Bits;
    internal readonly sbyte Kind;

    private Scalar(long bits, sbyte kind)
    {
        Bits = bits;
        Kind = kind;
    }

    internal static Scalar FromDouble(double value) => new(BitConverter.DoubleToInt64Bits(value), FloatKind);

    internal static Scalar FromLong(long value) => new(value, IntegerKind);

    internal double ToDoubleValue() => Kind switch
    {
        FloatKind => BitConverter.Int64BitsToDouble(Bits),
        _ => Bits,
    };

    public static implicit operator Scalar(byte value) => FromLong(value);
    public static implicit operator Scalar(sbyte value) => FromLong(value);
    public static implicit operator Scalar(short value) => FromLong(value);
    public static implicit operator Scalar(int value) => FromLong(value);
    public static implicit operator Scalar(long value) => FromLong(value);
    public static implicit operator Scalar(Half value) => FromDouble((double)value);
    public static implicit operator Scalar(float value) => FromDouble(value);
    public static implicit operator Scalar(double value) => FromDouble(value);
    public static implicit operator Scalar(bool value) => new(value ? 1 : 0, BoolKind);

    public void Dispose()
    {
    }
}

public static class ScalarExtensionMethods
{
    public static Scalar ToScalar(this double value) => value;
    public static Scalar ToScalar(this float value) => value;
    public static Scalar ToScalar(this int value) => value;
    public static Scalar ToScalar(this long value) => value;
    public static Scalar ToScalar(this bool value) => value;
    public static Scalar ToScalar(this short value) => value;
    public static Scalar ToScalar(this byte value) => value;
    public static Scalar ToScalar(this sbyte value) => value;
    public static Scalar ToScalar(this Half value) => value;

    public static double ToDouble(this Scalar value) => value.ToDoubleValue();
    public static float ToSingle(this Scalar value) => (float)value.ToDoubleValue();
    public static long ToInt64(this Scalar value) => value.Kind == Scalar.FloatKind ? (long)value.ToDoubleValue() : value.Bits;
    public static int ToInt32(this Scalar value) => (int)value.ToInt64();
    public static bool ToBoolean(this Scalar value) => value.ToDoubleValue() != 0;
}
