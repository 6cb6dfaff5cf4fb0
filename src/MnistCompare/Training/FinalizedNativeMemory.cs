namespace MnistCompare.Training;

// Some of TorchSharp's native memory is released only when .NET finalises the managed objects that own it: the
// Scalars it makes of the plain numbers passed to tensor ops (its own Adam makes a few dozen per step; our
// activations keep theirs, see CustomActivations/Scalars.cs), and the nodes of custom autograd functions. Those
// few bytes sit among the tensors' freed blocks on the native heap and keep it from reusing them, so collecting every
// few dozen batches bounds the heap; a full collection of our tiny managed heap takes about a millisecond against
// the seconds of training between two, and changes nothing that is computed.
//
// Between epochs and trainings the heap is also handed back to the system: each training, validation pass and
// diagnostics probe leaves its own pattern of holes, and the six trainings of one run otherwise stacked them (the
// default run peaked at 1.4 GB resident with the Scalars cached, each of its trainings alone at about 0.9 GB).
internal static class FinalizedNativeMemory
{
    public const int BatchesBetweenCollections = 32;

    public static void Release()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static void ReturnToSystem()
    {
        Release();
        NativeMemory.ReturnFreedMemory();
    }
}
