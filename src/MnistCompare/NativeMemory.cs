using System.Runtime.InteropServices;

namespace MnistCompare;

// libtorch allocates every activation and gradient tensor afresh each step. With glibc's defaults, blocks of tens of
// megabytes are mapped and unmapped each time, and every page is faulted in again: on this 2-core machine that was
// about 10% of a training step. Keeping freed memory in the heap (a fixed mmap threshold above the tensors' size and
// a high trim threshold) lets the next step reuse it. Linux/glibc only; elsewhere this does nothing.
internal static class NativeMemory
{
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallocOption(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint keep);

    public static void KeepFreedMemoryForReuse()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            MallocOption(MmapThreshold, 32 * 1024 * 1024);
            MallocOption(TrimThreshold, 512 * 1024 * 1024);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, say): keep the allocator's defaults.
        }
    }

    // For a process that is done with its tensors for good (the --parallel parent once the workers take over): the
    // high trim threshold above would otherwise keep their memory resident for the rest of the run.
    public static void ReturnFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: the allocator keeps its own counsel.
        }
    }
}
