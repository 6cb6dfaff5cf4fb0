using TorchBinding.Interop;

namespace TorchSharp;

public static partial class torch
{
    static torch()
    {
        // libtorch's OpenMP pool can start smaller than the machine (one thread was seen here); use every core.
        Check.Status(Native.torch_set_num_threads(Environment.ProcessorCount));
    }

    public static int get_num_threads()
    {
        Check.Status(Native.torch_get_num_threads(out var n));
        return n;
    }

    // libtorch rejects a non-positive count with its own error.
    public static void set_num_threads(int num) => Check.Status(Native.torch_set_num_threads(num));

    public static bool cuda_is_available() => cuda.is_available();

    public static class cuda
    {
        public static bool is_available()
        {
            Check.Status(Native.torch_cuda_is_available(out var available));
            return available != 0;
        }

        public static bool is_cudnn_available() => false;

        public static int device_count()
        {
            Check.Status(Native.torch_cuda_device_count(out var count));
            return count;
        }

        public static void manual_seed(long seed) => random.manual_seed(seed);

        public static void manual_seed_all(long seed) => random.manual_seed(seed);

        public static void synchronize(Device? device = null)
        {
        }
    }

    // ---- grad mode: a guard restores the previous mode when disposed ----

    private sealed class GradModeGuard : IDisposable
    {
        private readonly bool previous;
        private bool restored;

        internal GradModeGuard(bool enabled)
        {
            previous = is_grad_enabled();
            Check.Status(Native.torch_set_grad_enabled(Tensor.Flag(enabled)));
        }

        public void Dispose()
        {
            if (restored) return;
            restored = true;
            Check.Status(Native.torch_set_grad_enabled(Tensor.Flag(previous)));
        }
    }

    public static bool is_grad_enabled()
    {
        Check.Status(Native.torch_is_grad_enabled(out var enabled));
        return enabled != 0;
    }

    public static IDisposable no_grad() => new GradModeGuard(false);

    public static IDisposable enable_grad(bool enabled = true) => new GradModeGuard(enabled);

    public static IDisposable set_grad_enabled(bool mode = true) => new GradModeGuard(mode);

    public static IDisposable inference_mode(bool mode = true) => new GradModeGuard(!mode);
}
