using System.Collections;
using System.Globalization;
using TorchBinding.Interop;
using TorchSharp.Utils;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            // item<T> and data<T> demand the CLR type that matches the dtype exactly, as TorchSharp does.
            public T item<T>() where T : unmanaged
            {
                RequireElementType<T>();
                if (numel() != 1) throw new ArgumentException("Number of elements in the tensor must be 1");
                Check.Status(Native.tensor_item(Handle, out var asDouble, out var asLong));
                object value = typeof(T) switch
                {
                    var t when t == typeof(float) => (float)asDouble,
                    var t when t == typeof(double) => asDouble,
                    var t when t == typeof(Half) => (Half)asDouble,
                    var t when t == typeof(long) => asLong,
                    var t when t == typeof(int) => (int)asLong,
                    var t when t == typeof(short) => (short)asLong,
                    var t when t == typeof(byte) => (byte)asLong,
                    var t when t == typeof(sbyte) => (sbyte)asLong,
                    var t when t == typeof(bool) => asLong != 0,
                    _ => throw new ArgumentException($"{typeof(T).Name} is not a supported element type"),
                };
                return (T)value;
            }

            public TensorAccessor<T> data<T>() where T : unmanaged
            {
                RequireElementType<T>();
                return new TensorAccessor<T>(device_type == DeviceType.CPU ? contiguous() : cpu().contiguous());
            }

            public Scalar ToScalar() => is_floating_point() ? ToDoubleValue() : ToInt64ValueRaw();

            internal double ToDoubleValue()
            {
                if (numel() != 1) throw new ArgumentException("Number of elements in the tensor must be 1");
                Check.Status(Native.tensor_item(Handle, out var asDouble, out _));
                return asDouble;
            }

            internal long ToInt64ValueRaw()
            {
                if (numel() != 1) throw new ArgumentException("Number of elements in the tensor must be 1");
                Check.Status(Native.tensor_item(Handle, out _, out var asLong));
                return asLong;
            }

            private void RequireElementType<T>()
            {
                var expected = dtype switch
                {
                    ScalarType.Float32 => typeof(float),
                    ScalarType.Float64 => typeof(double),
                    ScalarType.Float16 => typeof(Half),
                    ScalarType.Int64 => typeof(long),
                    ScalarType.Int32 => typeof(int),
                    ScalarType.Int16 => typeof(short),
                    ScalarType.Int8 => typeof(sbyte),
                    ScalarType.Byte => typeof(byte),
                    ScalarType.Bool => typeof(bool),
                    _ => null,
                };
                if (expected != typeof(T))
                    throw new ArgumentException($"{typeof(T).Name} is not compatible with {dtype}");
            }

            public static explicit operator float(Tensor value) => (float)value.ToDoubleValue();
            public static explicit operator double(Tensor value) => value.ToDoubleValue();
            public static explicit operator sbyte(Tensor value) => (sbyte)value.ToInt64ValueRaw();
            public static explicit operator byte(Tensor value) => (byte)value.ToInt64ValueRaw();
            public static explicit operator short(Tensor value) => (short)value.ToInt64ValueRaw();
            public static explicit operator int(Tensor value) => (int)value.ToInt64ValueRaw();
            public static explicit operator long(Tensor value) => value.ToInt64ValueRaw();
            public static explicit operator bool(Tensor value) => value.ToInt64ValueRaw() != 0;
        }
    }

    public static class TensorExtensionMethods
    {
        public static float ToSingle(this torch.Tensor value) => (float)value;
        public static double ToDouble(this torch.Tensor value) => (double)value;
        public static int ToInt32(this torch.Tensor value) => (int)value;
        public static long ToInt64(this torch.Tensor value) => (long)value;
        public static short ToInt16(this torch.Tensor value) => (short)value;
        public static byte ToByte(this torch.Tensor value) => (byte)value;
        public static sbyte ToSByte(this torch.Tensor value) => (sbyte)value;
        public static bool ToBoolean(this torch.Tensor value) => (bool)value;

        public static Modules.Parameter AsParameter(this torch.Tensor tensor) => new(tensor);

        // The values as text, in libtorch's layout; the format arguments are accepted for source compatibility.
        public static string str(this torch.Tensor tensor, string? fltFormat = null, int? width = null, string? newLine = null,
            CultureInfo? cultureInfo = null, TensorStringStyle style = TensorStringStyle.Default) =>
            style == TensorStringStyle.Metadata ? tensor.ToString() : tensor.ValuesToString();
    }

    public enum TensorStringStyle
    {
        Metadata = 0,
        Julia = 1,
        Numpy = 2,
        CSharp = 3,
        Default = 4,
    }
}

namespace TorchSharp.Utils
{
    // A view of a CPU tensor's elements. Writes go to the tensor when it was already contiguous on the CPU.
    public sealed class TensorAccessor<T> : IEnumerable<T>, IDisposable where T : unmanaged
    {
        private readonly torch.Tensor tensor;
        private readonly long[] strides;

        internal TensorAccessor(torch.Tensor contiguousCpuTensor)
        {
            tensor = contiguousCpuTensor;
            var shape = tensor.shape;
            strides = new long[shape.Length];
            long stride = 1;
            for (var i = shape.Length - 1; i >= 0; i--)
            {
                strides[i] = stride;
                stride *= shape[i];
            }
            Count = tensor.numel();
        }

        public long Count { get; }

        private unsafe T* Pointer
        {
            get
            {
                Check.Status(Native.tensor_data_ptr(tensor.Handle, out var data));
                return (T*)data;
            }
        }

        public unsafe T[] ToArray()
        {
            var result = new T[Count];
            new ReadOnlySpan<T>(Pointer, checked((int)Count)).CopyTo(result);
            return result;
        }

        public unsafe T this[params long[] indices]
        {
            get => Pointer[Offset(indices)];
            set => Pointer[Offset(indices)] = value;
        }

        private long Offset(long[] indices)
        {
            if (indices.Length == 1 && strides.Length != 1)
            {
                if (indices[0] < 0 || indices[0] >= Count) throw new IndexOutOfRangeException();
                return indices[0];
            }
            if (indices.Length != strides.Length) throw new IndexOutOfRangeException("Wrong number of indices");
            long offset = 0;
            var shape = tensor.shape;
            for (var i = 0; i < indices.Length; i++)
            {
                var index = indices[i] < 0 ? indices[i] + shape[i] : indices[i];
                if (index < 0 || index >= shape[i]) throw new IndexOutOfRangeException();
                offset += index * strides[i];
            }
            return offset;
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)ToArray()).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose() => tensor.Dispose();
    }
}
