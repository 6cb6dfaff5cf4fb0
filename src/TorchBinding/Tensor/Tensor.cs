using System.Runtime.InteropServices;
using System.Text;
using TorchBinding.Interop;

namespace TorchSharp;

public static partial class torch
{
    // A managed owner of one native tensor handle. Dispose frees it at once; the finaliser frees what was forgotten.
    public partial class Tensor : IDisposable
    {
        private IntPtr handle;

        // How many Tensor objects own a native handle right now (a leak check for tests and diagnostics).
        private static long liveCount;

        internal static long LiveCount => Interlocked.Read(ref liveCount);

        internal Tensor(IntPtr handle)
        {
            this.handle = Check.Handle(handle);
            Interlocked.Increment(ref liveCount);
            DisposeScope.Track(this);
        }

        ~Tensor() => Dispose(false);

        internal DisposeScope? OwningDisposeScope { get; set; }

        // The live handle; every operation goes through it, so use after Dispose fails here and not natively.
        internal IntPtr Handle
        {
            get
            {
                if (handle == IntPtr.Zero) throw new ObjectDisposedException(nameof(Tensor), "The tensor was disposed.");
                return handle;
            }
        }

        // The handle given up to a new owner (nn.Parameter takes over its argument's handle).
        internal IntPtr TakeHandle()
        {
            var taken = Handle;
            handle = IntPtr.Zero;
            Interlocked.Decrement(ref liveCount);
            OwningDisposeScope?.MarkAsDisposed(this);
            GC.SuppressFinalize(this);
            return taken;
        }

        public bool IsInvalid => handle == IntPtr.Zero;

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing) OwningDisposeScope?.MarkAsDisposed(this);
            var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
            if (h == IntPtr.Zero) return;
            Native.tensor_dispose(h);
            Interlocked.Decrement(ref liveCount);
        }

        public Tensor MoveToOuterDisposeScope() => OwningDisposeScope is { } scope ? scope.MoveToOuter(this) : this;

        public Tensor DetachFromDisposeScope() => OwningDisposeScope is { } scope ? scope.Detach(this) : this;

        public Tensor MoveToOtherDisposeScope(Tensor other) => MoveToOtherDisposeScope(other.OwningDisposeScope);

        public Tensor MoveToOtherDisposeScope(DisposeScope? other)
        {
            if (OwningDisposeScope is { } scope) return scope.MoveToOther(other, this);
            return other is null ? this : other.Include(this);
        }

        // ---- metadata ----

        public unsafe long[] shape
        {
            get
            {
                var sizes = new long[dim()];
                fixed (long* p = sizes) Check.Status(Native.tensor_shape(Handle, p));
                return sizes;
            }
        }

        public long[] size() => shape;

        public long size(int dim)
        {
            var sizes = shape;
            var index = dim < 0 ? dim + sizes.Length : dim;
            if (index < 0 || index >= sizes.Length)
                throw new ExternalException($"Dimension out of range (expected to be in range of [{-sizes.Length}, {sizes.Length - 1}], but got {dim})");
            return sizes[index];
        }

        public long dim()
        {
            Check.Status(Native.tensor_ndim(Handle, out var ndim));
            return ndim;
        }

        public long ndim => dim();

        public long Dimensions => dim();

        public long numel()
        {
            Check.Status(Native.tensor_numel(Handle, out var n));
            return n;
        }

        public long NumberOfElements => numel();

        public ScalarType dtype
        {
            get
            {
                Check.Status(Native.tensor_dtype(Handle, out var type));
                return (ScalarType)type;
            }
        }

        public Device device => new(device_type, device_index);

        public DeviceType device_type
        {
            get
            {
                Check.Status(Native.tensor_device(Handle, out var type, out _));
                return (DeviceType)type;
            }
        }

        public int device_index
        {
            get
            {
                Check.Status(Native.tensor_device(Handle, out _, out var index));
                return index;
            }
        }

        public bool is_cuda => device_type == DeviceType.CUDA;

        public bool is_cpu() => device_type == DeviceType.CPU;

        public bool is_floating_point() => IsFloatingPoint(dtype);

        public bool is_contiguous()
        {
            Check.Status(Native.tensor_is_contiguous(Handle, out var value));
            return value != 0;
        }

        public long element_size()
        {
            Check.Status(Native.tensor_element_size(Handle, out var size));
            return size;
        }

        // ---- autograd ----

        public bool requires_grad
        {
            get
            {
                Check.Status(Native.tensor_requires_grad(Handle, out var value));
                return value != 0;
            }
            set => Check.Status(Native.tensor_set_requires_grad(Handle, value ? (byte)1 : (byte)0));
        }

        public Tensor requires_grad_(bool requires_grad = true)
        {
            this.requires_grad = requires_grad;
            return this;
        }

        public Tensor with_requires_grad(bool requires_grad = true) => requires_grad_(requires_grad);

        public Tensor? grad
        {
            get
            {
                var g = Check.OptionalHandle(Native.tensor_grad(Handle));
                return g == IntPtr.Zero ? null : new Tensor(g);
            }
            set => Check.Status(Native.tensor_set_grad(Handle, value is null ? IntPtr.Zero : value.Handle));
        }

        public bool is_leaf
        {
            get
            {
                Check.Status(Native.tensor_is_leaf(Handle, out var value));
                return value != 0;
            }
        }

        public void retain_grad() => Check.Status(Native.tensor_retain_grad(Handle));

        public void backward() => backward(null);

        public unsafe void backward(IList<Tensor>? grad_tensors = null, bool retain_graph = false, bool create_graph = false,
            IList<Tensor>? inputs = null)
        {
            var grads = Handles(grad_tensors);
            var ins = Handles(inputs);
            fixed (IntPtr* g = grads)
            fixed (IntPtr* i = ins)
            {
                Check.Status(Native.tensor_backward(Handle, g, grads.Length, Flag(retain_graph), Flag(create_graph), i, ins.Length));
            }
        }

        public Tensor detach() => new(Native.tensor_detach(Handle));

        public Tensor detach_() => InPlace(Native.tensor_detach_(Handle));

        // ---- conversion and copies ----

        public Tensor to(Device device, bool copy = false, bool disposeAfter = false, bool non_blocking = false) =>
            To(dtype, device.type, device.index, copy, disposeAfter, non_blocking);

        public Tensor to(ScalarType type, bool copy = false, bool disposeAfter = false, bool non_blocking = false) =>
            To(type, device_type, device_index, copy, disposeAfter, non_blocking);

        public Tensor to(ScalarType type, Device device, bool copy = false, bool disposeAfter = false, bool non_blocking = false) =>
            To(type, device.type, device.index, copy, disposeAfter, non_blocking);

        public Tensor to(DeviceType deviceType, int deviceIndex = -1, bool copy = false, bool disposeAfter = false, bool non_blocking = false) =>
            To(dtype, deviceType, deviceIndex, copy, disposeAfter, non_blocking);

        public Tensor to(string device, bool copy = false, bool disposeAfter = false, bool non_blocking = false) =>
            to(new Device(device), copy, disposeAfter, non_blocking);

        public Tensor to(Tensor other, bool non_blocking = false) =>
            To(other.dtype, other.device_type, other.device_index, false, false, non_blocking);

        public Tensor to_type(ScalarType type, bool copy = false, bool disposeAfter = false, bool non_blocking = false) =>
            to(type, copy, disposeAfter, non_blocking);

        private Tensor To(ScalarType type, DeviceType deviceType, int deviceIndex, bool copy, bool disposeAfter, bool nonBlocking)
        {
            var result = new Tensor(Native.tensor_to(Handle, (sbyte)type, (sbyte)deviceType, deviceIndex, Flag(nonBlocking), Flag(copy)));
            if (disposeAfter) Dispose();
            return result;
        }

        public Tensor cpu() => to(DeviceType.CPU);

        public Tensor cuda(Device? device = null, bool non_blocking = false) =>
            To(dtype, DeviceType.CUDA, device?.index ?? -1, false, false, non_blocking);

        public Tensor type_as(Tensor tensor) => to(tensor.dtype);

        public Tensor @float() => to(ScalarType.Float32);

        public Tensor @double() => to(ScalarType.Float64);

        public Tensor @long() => to(ScalarType.Int64);

        public Tensor @int() => to(ScalarType.Int32);

        public Tensor @byte() => to(ScalarType.Byte);

        public Tensor @bool() => to(ScalarType.Bool);

        public Tensor half() => to(ScalarType.Float16);

        public Tensor bfloat16() => to(ScalarType.BFloat16);

        public Tensor clone() => new(Native.tensor_clone(Handle));

        // A second handle to the same tensor, owned separately.
        public Tensor alias() => new(Native.tensor_alias(Handle));

        public Tensor contiguous() => new(Native.tensor_contiguous(Handle));

        public Tensor copy_(Tensor source, bool nonBlocking = false) =>
            InPlace(Native.tensor_copy_(Handle, source.Handle, Flag(nonBlocking)));

        // ---- comparison of whole tensors ----

        public bool Equals(Tensor target)
        {
            Check.Status(Native.tensor_equal(Handle, target.Handle, out var equal));
            return equal != 0;
        }

        public bool allclose(Tensor target, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false)
        {
            Check.Status(Native.tensor_allclose(Handle, target.Handle, rtol, atol, Flag(equal_nan), out var close));
            return close != 0;
        }

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public override int GetHashCode() => base.GetHashCode();

        // ---- text ----

        public override string ToString()
        {
            if (IsInvalid) return "Disposed tensor";
            return $"[{string.Join("x", shape)}], type = {dtype}, device = {device}";
        }

        // libtorch's own rendering of the values.
        internal unsafe string ValuesToString()
        {
            Check.Status(Native.tensor_to_string(Handle, null, 0, out var length));
            var buffer = new byte[length];
            fixed (byte* p = buffer) Check.Status(Native.tensor_to_string(Handle, p, length, out _));
            return Encoding.UTF8.GetString(buffer);
        }

        // ---- helpers for the other partial files ----

        internal static byte Flag(bool value) => value ? (byte)1 : (byte)0;

        // An in-place op returns a new handle to the same tensor: free it and hand back this object.
        internal Tensor InPlace(IntPtr alias)
        {
            Native.tensor_dispose(Check.Handle(alias));
            return this;
        }

        internal static IntPtr[] Handles(IEnumerable<Tensor>? tensors) =>
            tensors is null ? Array.Empty<IntPtr>() : tensors.Select(t => t.Handle).ToArray();
    }
}
