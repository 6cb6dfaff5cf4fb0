using TorchBinding.Interop;

namespace TorchSharp;

public static partial class torch
{
    private static ScalarType defaultDtype = ScalarType.Float32;
    private static Device defaultDevice = CPU;

    public static void set_default_dtype(ScalarType dtype) => defaultDtype = dtype;

    public static ScalarType get_default_dtype() => defaultDtype;

    public static void set_default_device(Device device) => defaultDevice = device;

    public static void set_default_device(string device) => defaultDevice = new Device(device);

    public static Device get_default_device() => defaultDevice;

    private unsafe delegate IntPtr SizedFactory(long* shape, long ndim, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);

    private unsafe delegate IntPtr RandomFactory(long* shape, long ndim, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad, IntPtr generator);

    private static unsafe Tensor FromData<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> dimensions, ScalarType sourceType, ScalarType? dtype,
        Device? device, bool requiresGrad, string[]? names) where T : unmanaged
    {
        RejectNames(names);
        long count = 1;
        foreach (var d in dimensions)
        {
            if (d < 0) throw new ArgumentException($"Invalid shape: negative dimension {d}", nameof(dimensions));
            count *= d;
        }
        if (count > data.Length)
            throw new ArgumentException($"The shape [{string.Join(", ", dimensions.ToArray())}] needs {count} elements but the array has {data.Length}");
        var dev = device ?? defaultDevice;
        fixed (T* p = data)
        fixed (long* shape = dimensions)
        {
            return new Tensor(Native.tensor_from_data(p, shape, dimensions.Length, (sbyte)sourceType, (sbyte)(dtype ?? sourceType),
                (sbyte)dev.type, dev.index, Tensor.Flag(requiresGrad)));
        }
    }

    private static T[] Flatten<T>(Array array)
    {
        var flat = new T[array.Length];
        var i = 0;
        foreach (T item in array) flat[i++] = item;
        return flat;
    }

    private static long[] Dims(Array array) => Enumerable.Range(0, array.Rank).Select(d => (long)array.GetLength(d)).ToArray();

    private static void RejectNames(string[]? names)
    {
        if (names is not null) throw new NotSupportedException("Named tensors are not supported by this binding.");
    }

    private static unsafe Tensor Sized(SizedFactory factory, ReadOnlySpan<long> size, ScalarType? dtype, Device? device, bool requiresGrad,
        string[]? names)
    {
        RejectNames(names);
        var dev = device ?? defaultDevice;
        fixed (long* shape = size)
        {
            return new Tensor(factory(shape, size.Length, (sbyte)(dtype ?? defaultDtype), (sbyte)dev.type, dev.index, Tensor.Flag(requiresGrad)));
        }
    }

    private static unsafe Tensor Random(RandomFactory factory, ReadOnlySpan<long> size, ScalarType? dtype, Device? device, bool requiresGrad,
        Generator? generator, string[]? names)
    {
        RejectNames(names);
        var dev = device ?? defaultDevice;
        fixed (long* shape = size)
        {
            return new Tensor(factory(shape, size.Length, (sbyte)(dtype ?? defaultDtype), (sbyte)dev.type, dev.index, Tensor.Flag(requiresGrad),
                Generator.HandleOf(generator)));
        }
    }

    private static unsafe Tensor Full(ReadOnlySpan<long> size, Scalar value, ScalarType? dtype, Device? device, bool requiresGrad, string[]? names)
    {
        RejectNames(names);
        var dev = device ?? defaultDevice;
        var type = dtype ?? (value.Kind == Scalar.FloatKind ? defaultDtype : value.Kind == Scalar.BoolKind ? ScalarType.Bool : ScalarType.Int64);
        fixed (long* shape = size)
        {
            return new Tensor(Native.tensor_full(shape, size.Length, value.Bits, value.Kind, (sbyte)type, (sbyte)dev.type, dev.index,
                Tensor.Flag(requiresGrad)));
        }
    }

    private static Tensor Full(ReadOnlySpan<long> size, Scalar value, ScalarType type) => Full(size, value, type, null, false, null);

    public static Tensor randint(long high, long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false,
        Generator? generator = null, string[]? names = null) => randint(0, high, size, dtype, device, requires_grad, generator, names);

    public static unsafe Tensor randint(long low, long high, long[] size, ScalarType? dtype = null, Device? device = null,
        bool requires_grad = false, Generator? generator = null, string[]? names = null)
    {
        RejectNames(names);
        var dev = device ?? defaultDevice;
        fixed (long* shape = size)
        {
            return new Tensor(Native.tensor_randint(low, high, shape, size.Length, (sbyte)(dtype ?? ScalarType.Int64), (sbyte)dev.type,
                dev.index, Tensor.Flag(requires_grad), Generator.HandleOf(generator)));
        }
    }

    public static Tensor randint(int high, int[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false,
        Generator? generator = null, string[]? names = null) =>
        randint(0, high, size.Select(s => (long)s).ToArray(), dtype, device, requires_grad, generator, names);

    public static Tensor randint(int low, int high, int[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false,
        Generator? generator = null, string[]? names = null) =>
        randint(low, high, size.Select(s => (long)s).ToArray(), dtype, device, requires_grad, generator, names);

    public static Tensor randperm(long n, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null)
    {
        var dev = device ?? defaultDevice;
        return new Tensor(Native.tensor_randperm(n, (sbyte)(dtype ?? ScalarType.Int64), (sbyte)dev.type, dev.index, Tensor.Flag(requires_grad),
            Generator.HandleOf(generator)));
    }

    public static Tensor arange(Scalar stop, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        arange(0, stop, 1, dtype, device, requires_grad);

    public static Tensor arange(Scalar start, Scalar stop, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        arange(start, stop, 1, dtype, device, requires_grad);

    public static Tensor arange(Scalar start, Scalar stop, Scalar step, ScalarType? dtype = null, Device? device = null,
        bool requires_grad = false)
    {
        var dev = device ?? defaultDevice;
        var integral = start.Kind != Scalar.FloatKind && stop.Kind != Scalar.FloatKind && step.Kind != Scalar.FloatKind;
        var type = dtype ?? (integral ? ScalarType.Int64 : defaultDtype);
        return new Tensor(Native.tensor_arange(start.Bits, start.Kind, stop.Bits, stop.Kind, step.Bits, step.Kind, (sbyte)type, (sbyte)dev.type,
            dev.index, Tensor.Flag(requires_grad)));
    }

    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var dev = device ?? defaultDevice;
        return new Tensor(Native.tensor_linspace(start, end, steps, (sbyte)(dtype ?? defaultDtype), (sbyte)dev.type, dev.index,
            Tensor.Flag(requires_grad)));
    }

    public static Tensor eye(long rows, long columns = -1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false,
        string[]? names = null)
    {
        RejectNames(names);
        var dev = device ?? defaultDevice;
        return new Tensor(Native.tensor_eye(rows, columns < 0 ? rows : columns, (sbyte)(dtype ?? defaultDtype), (sbyte)dev.type, dev.index,
            Tensor.Flag(requires_grad)));
    }

    public static Tensor zeros_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null)
    {
        RejectNames(names);
        return input.zeros_like(dtype, device, requires_grad);
    }

    public static Tensor ones_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null)
    {
        RejectNames(names);
        return input.ones_like(dtype, device, requires_grad);
    }

    public static Tensor empty_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null)
    {
        RejectNames(names);
        return input.empty_like(dtype, device, requires_grad);
    }

    public static Tensor full_like(Tensor input, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false,
        string[]? names = null)
    {
        RejectNames(names);
        var dev = device ?? input.device;
        return new Tensor(Native.tensor_full_like(input.Handle, value.Bits, value.Kind, (sbyte)(dtype ?? input.dtype), (sbyte)dev.type, dev.index,
            Tensor.Flag(requires_grad)));
    }

    public static Tensor rand_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        input.rand_like(dtype, device, requires_grad);

    public static Tensor randn_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        input.randn_like(dtype, device, requires_grad);

    public static Tensor bernoulli(Tensor input, Generator? generator = null) => input.bernoulli(generator);
}
