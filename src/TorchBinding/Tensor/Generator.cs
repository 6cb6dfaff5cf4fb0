using TorchBinding.Interop;

namespace TorchSharp;

public static partial class torch
{
    // A random number generator of its own, so that concurrent trainings draw independent, reproducible streams.
    public class Generator : IDisposable
    {
        private IntPtr handle;

        public Generator(ulong seed = 0, Device? device = null)
        {
            if (device is not null && device.type != DeviceType.CPU)
                throw new NotSupportedException("Only CPU generators are supported by this binding.");
            handle = Check.Handle(Native.generator_new((long)seed));
        }

        private Generator(IntPtr handle) => this.handle = Check.Handle(handle);

        ~Generator() => Dispose(false);

        internal static Generator Default() => new(Native.generator_default());

        internal IntPtr Handle =>
            handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(Generator), "The generator was disposed.");

        internal static IntPtr HandleOf(Generator? generator) => generator?.Handle ?? IntPtr.Zero;

        public Device device => CPU;

        public Generator manual_seed(long seed)
        {
            Check.Status(Native.generator_manual_seed(Handle, seed));
            return this;
        }

        public long initial_seed()
        {
            Check.Status(Native.generator_initial_seed(Handle, out var seed));
            return seed;
        }

        public long seed()
        {
            Check.Status(Native.generator_seed(Handle, out var seed));
            return seed;
        }

        public Tensor get_state() => new(Native.generator_get_state(Handle));

        public void set_state(Tensor value) => Check.Status(Native.generator_set_state(Handle, value.Handle));

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
            if (h != IntPtr.Zero) Native.generator_dispose(h);
        }
    }

    public static Generator manual_seed(long seed) => random.manual_seed(seed);

    public static class random
    {
        public static Generator manual_seed(long seed)
        {
            Check.Status(Native.torch_manual_seed(seed));
            return Generator.Default();
        }

        public static long initial_seed()
        {
            Check.Status(Native.torch_initial_seed(out var seed));
            return seed;
        }

        public static long seed()
        {
            using var generator = Generator.Default();
            return generator.seed();
        }

        public static Tensor get_rng_state()
        {
            using var generator = Generator.Default();
            return generator.get_state();
        }

        public static void set_rng_state(Tensor new_state)
        {
            using var generator = Generator.Default();
            generator.set_state(new_state);
        }
    }
}
