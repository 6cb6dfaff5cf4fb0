using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace TorchBinding.Interop;

// The one error channel: every native call's result passes through here.
internal static class Check
{
    // A handle that must not be null.
    internal static IntPtr Handle(IntPtr handle)
    {
        if (handle == IntPtr.Zero) ThrowPending();
        return handle;
    }

    // A handle that may legitimately be null (an undefined tensor, e.g. an absent grad).
    internal static IntPtr OptionalHandle(IntPtr handle)
    {
        if (handle == IntPtr.Zero)
        {
            var message = TakeError();
            if (message is not null) throw new ExternalException(message);
        }
        return handle;
    }

    internal static void Status(int status)
    {
        if (status == 0) ThrowPending();
    }

    [DoesNotReturn]
    private static void ThrowPending() =>
        throw new ExternalException(TakeError() ?? "libtorch call failed without a message");

    private static string? TakeError()
    {
        var message = Native.torch_take_error();
        return message == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(message);
    }
}
