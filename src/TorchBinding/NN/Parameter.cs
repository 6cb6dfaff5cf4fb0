using TorchBinding.Interop;

namespace TorchSharp.Modules;

// A leaf tensor that a module trains. It takes over the handle of the tensor it is made from.
public class Parameter : torch.Tensor
{
    public Parameter(torch.Tensor data, bool requires_grad = true) : base(DetachedHandle(data))
    {
        this.requires_grad = requires_grad;
    }

    private static IntPtr DetachedHandle(torch.Tensor data)
    {
        var taken = data.TakeHandle();
        try
        {
            return Check.Handle(Native.tensor_detach(taken));
        }
        finally
        {
            Native.tensor_dispose(taken);
        }
    }
}
