using TorchBinding.Interop;

namespace TorchSharp;

public static partial class torch
{
    public struct TensorIndex
    {
        // Kinds as the shim numbers them (native/tensor.cpp, tensor_indices).
        internal enum Kind : sbyte
        {
            Single = 0,
            Slice = 1,
            Tensor = 2,
            Colon = 3,
            Ellipsis = 4,
            None = 5,
            Bool = 6,
        }

        internal const long Absent = long.MinValue;

        internal Kind kind;
        internal long start;
        internal long stop;
        internal long step;
        internal Tensor? tensor;

        public static TensorIndex Colon = new() { kind = Kind.Colon };
        public static TensorIndex Ellipsis = new() { kind = Kind.Ellipsis };
        public static TensorIndex None = new() { kind = Kind.None };

        public static TensorIndex Single(long? index) => new() { kind = Kind.Single, start = index ?? 0 };

        public static TensorIndex Slice(long? start = null, long? stop = null, long? step = null) =>
            new() { kind = Kind.Slice, start = start ?? Absent, stop = stop ?? Absent, step = step ?? Absent };

        public static TensorIndex Bool(bool value) => new() { kind = Kind.Bool, start = value ? 1 : 0 };

        public static TensorIndex Tensor(Tensor tensor) => new() { kind = Kind.Tensor, tensor = tensor };

        public static implicit operator TensorIndex(long index) => Single(index);

        public static implicit operator TensorIndex(Index index) =>
            index.IsFromEnd ? Single(-index.Value) : Single(index.Value);

        public static implicit operator TensorIndex(Range range)
        {
            long? start = range.Start.IsFromEnd ? (range.Start.Value == 0 ? null : -range.Start.Value) : range.Start.Value;
            long? stop = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value;
            return Slice(start, stop);
        }
    }

    public partial class Tensor
    {
        public Tensor this[long i1] { get => Index(i1); set => IndexPut(value, i1); }
        public Tensor this[long i1, long i2] { get => Index(i1, i2); set => IndexPut(value, i1, i2); }
        public Tensor this[long i1, long i2, long i3] { get => Index(i1, i2, i3); set => IndexPut(value, i1, i2, i3); }
        public Tensor this[long i1, long i2, long i3, long i4] { get => Index(i1, i2, i3, i4); set => IndexPut(value, i1, i2, i3, i4); }
        public Tensor this[long i1, long i2, long i3, long i4, long i5] { get => Index(i1, i2, i3, i4, i5); set => IndexPut(value, i1, i2, i3, i4, i5); }
        public Tensor this[long i1, long i2, long i3, long i4, long i5, long i6] { get => Index(i1, i2, i3, i4, i5, i6); set => IndexPut(value, i1, i2, i3, i4, i5, i6); }

        public Tensor this[params long[] indices]
        {
            get => Index(indices.Select(i => (TensorIndex)i).ToArray());
            set => IndexPut(value, indices.Select(i => (TensorIndex)i).ToArray());
        }

        public Tensor this[params TensorIndex[] indices] { get => Index(indices); set => IndexPut(value, indices); }

        public Tensor this[params Tensor[] indices]
        {
            get => Index(indices.Select(TensorIndex.Tensor).ToArray());
            set => IndexPut(value, indices.Select(TensorIndex.Tensor).ToArray());
        }

        public Tensor index(params TensorIndex[] indices) => Index(indices);

        public Tensor index_put_(Tensor value, params TensorIndex[] indices)
        {
            IndexPut(value, indices);
            return this;
        }

        public unsafe Tensor index_put_(Scalar value, params TensorIndex[] indices)
        {
            Put(indices, (t, k, a, b, c, h, n) => Native.tensor_index_put_scalar(t, k, a, b, c, h, n, value.Bits, value.Kind));
            return this;
        }

        private unsafe Tensor Index(params TensorIndex[] indices)
        {
            IntPtr result = IntPtr.Zero;
            Put(indices, (t, k, a, b, c, h, n) =>
            {
                result = Native.tensor_index(t, k, a, b, c, h, n);
                return result == IntPtr.Zero ? 0 : 1;
            });
            return new Tensor(result);
        }

        private unsafe void IndexPut(Tensor value, params TensorIndex[] indices)
        {
            var v = value.Handle;
            Put(indices, (t, k, a, b, c, h, n) => Native.tensor_index_put(t, k, a, b, c, h, n, v));
        }

        private unsafe delegate int IndexCall(IntPtr tensor, sbyte* kinds, long* starts, long* stops, long* steps, IntPtr* tensors, long n);

        private unsafe void Put(TensorIndex[] indices, IndexCall call)
        {
            var n = indices.Length;
            Span<sbyte> kinds = stackalloc sbyte[n];
            Span<long> starts = stackalloc long[n];
            Span<long> stops = stackalloc long[n];
            Span<long> steps = stackalloc long[n];
            var tensors = new IntPtr[n];
            for (var i = 0; i < n; i++)
            {
                kinds[i] = (sbyte)indices[i].kind;
                starts[i] = indices[i].start;
                stops[i] = indices[i].stop;
                steps[i] = indices[i].step;
                tensors[i] = indices[i].tensor?.Handle ?? IntPtr.Zero;
            }
            fixed (sbyte* k = kinds)
            fixed (long* a = starts, b = stops, c = steps)
            fixed (IntPtr* h = tensors)
            {
                Check.Status(call(Handle, k, a, b, c, h, n));
            }
        }
    }
}
