namespace TorchSharp;

public static partial class torch
{
    // The values are libtorch's own codes (c10::ScalarType), so they cross the shim unchanged.
    public enum ScalarType : sbyte
    {
        Byte = 0,
        Int8 = 1,
        Int16 = 2,
        Int32 = 3,
        Int64 = 4,
        Float16 = 5,
        Float32 = 6,
        Float64 = 7,
        ComplexFloat32 = 9,
        ComplexFloat64 = 10,
        Bool = 11,
        QInt8 = 12,
        QUInt8 = 13,
        QInt32 = 14,
        BFloat16 = 15,
    }

    public static ScalarType float32 = ScalarType.Float32;
    public static ScalarType float64 = ScalarType.Float64;
    public static ScalarType float16 = ScalarType.Float16;
    public static ScalarType bfloat16 = ScalarType.BFloat16;
    public static ScalarType int8 = ScalarType.Int8;
    public static ScalarType int16 = ScalarType.Int16;
    public static ScalarType int32 = ScalarType.Int32;
    public static ScalarType int64 = ScalarType.Int64;
    public static ScalarType uint8 = ScalarType.Byte;
    public static ScalarType @bool = ScalarType.Bool;
    public static ScalarType @float = ScalarType.Float32;
    public static ScalarType @double = ScalarType.Float64;
    public static ScalarType @long = ScalarType.Int64;
    public static ScalarType @int = ScalarType.Int32;
    public static ScalarType @short = ScalarType.Int16;
    public static ScalarType half = ScalarType.Float16;
    public static ScalarType cfloat = ScalarType.ComplexFloat32;
    public static ScalarType cdouble = ScalarType.ComplexFloat64;
    public static ScalarType complex64 = ScalarType.ComplexFloat32;
    public static ScalarType complex128 = ScalarType.ComplexFloat64;

    internal static bool IsFloatingPoint(ScalarType type) =>
        type is ScalarType.Float16 or ScalarType.Float32 or ScalarType.Float64 or ScalarType.BFloat16;

    internal static bool IsIntegral(ScalarType type) =>
        type is ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64;
}
