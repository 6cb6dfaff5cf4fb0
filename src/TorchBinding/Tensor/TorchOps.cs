using TorchBinding.Interop;

namespace TorchSharp;

// The static forms of tensor operations: each forwards to the Tensor method of the same name.
public static partial class torch
{
    public static Tensor abs(Tensor input) => input.abs();
    public static Tensor exp(Tensor input) => input.exp();
    public static Tensor log(Tensor input) => input.log();
    public static Tensor log1p(Tensor input) => input.log1p();
    public static Tensor expm1(Tensor input) => input.expm1();
    public static Tensor erf(Tensor input) => input.erf();
    public static Tensor sqrt(Tensor input) => input.sqrt();
    public static Tensor tanh(Tensor input) => input.tanh();
    public static Tensor sigmoid(Tensor input) => input.sigmoid();
    public static Tensor square(Tensor input) => input.square();
    public static Tensor isnan(Tensor input) => input.isnan();
    public static Tensor isfinite(Tensor tensor) => tensor.isfinite();
    public static Tensor pow(Tensor left, Scalar exponent) => left.pow(exponent);
    public static Tensor pow(Tensor left, Tensor exponent) => left.pow(exponent);
    public static Tensor softmax(Tensor input, int dim, ScalarType? dtype = null) => input.softmax(dim, dtype);
    // Not in TorchSharp's torch class (it has torch.special.log_softmax and Tensor.log_softmax).
    internal static Tensor log_softmax(Tensor input, long dim, ScalarType? dtype = null) => input.log_softmax(dim, dtype);
    public static Tensor logsumexp(Tensor input, long dim, bool keepdim = false) => input.logsumexp(dim, keepdim);

    public static Tensor sum(Tensor input, ScalarType? type = null) => input.sum(type);
    public static Tensor sum(Tensor input, long dim, bool keepdim = false, ScalarType? type = null) => input.sum(dim, keepdim, type);
    public static Tensor sum(Tensor input, ReadOnlySpan<long> dim, bool keepdim = false, ScalarType? type = null) => input.sum(dim, keepdim, type);
    public static Tensor mean(Tensor input) => input.mean();
    public static Tensor mean(Tensor input, long[] dimensions, bool keepdim = false, ScalarType? type = null) => input.mean(dimensions, keepdim, type);
    public static Tensor argmax(Tensor input) => input.argmax();
    public static Tensor argmax(Tensor input, long dim, bool keepdim = false) => input.argmax(dim, keepdim);
    public static Tensor max(Tensor input) => input.max();
    public static Tensor max(Tensor input, Tensor other) => input.maximum(other);
    public static (Tensor values, Tensor indexes) max(Tensor input, long dim, bool keepdim = false) => input.max(dim, keepdim);
    public static Tensor min(Tensor input) => input.min();
    public static Tensor min(Tensor input, Tensor other) => input.minimum(other);
    public static (Tensor values, Tensor indexes) min(Tensor input, long dim, bool keepdim = false) => input.min(dim, keepdim);
    public static Tensor maximum(Tensor input, Tensor other) => input.maximum(other);
    public static Tensor minimum(Tensor input, Tensor other) => input.minimum(other);
    public static Tensor matmul(Tensor input, Tensor target) => input.matmul(target);

    public static Tensor clamp(Tensor input, Scalar? min = null, Scalar? max = null) => input.clamp(min, max);
    public static Tensor clamp(Tensor input, Tensor? min = null, Tensor? max = null) => input.clamp(min, max);
    public static Tensor where(Tensor condition, Tensor x, Tensor y) => x.where(condition, y);

    // One index tensor per dimension; a 0-dim condition is treated as 1-dim (libtorch's nonzero_numpy), so it has one.
    public static unsafe Tensor[] where(Tensor condition)
    {
        var result = new IntPtr[Math.Max(1, condition.dim())];
        fixed (IntPtr* p = result) Check.Status(Native.tensor_nonzero_numpy(condition.Handle, p));
        return result.Select(h => new Tensor(h)).ToArray();
    }

    public static Tensor eq(Tensor left, Tensor right) => left.eq(right);
    public static Tensor gt(Tensor left, Tensor right) => left.gt(right);
    public static Tensor lt(Tensor left, Tensor right) => left.lt(right);

    public static Tensor cat(IList<Tensor> tensors, long dim = 0) => Join(tensors.ToArray(), dim, stack: false);
    public static Tensor cat(Tensor[] tensors, long dim = 0) => Join(tensors, dim, stack: false);
    public static Tensor cat(ReadOnlySpan<Tensor> tensors, long dim = 0) => Join(tensors.ToArray(), dim, stack: false);
    public static Tensor stack(IEnumerable<Tensor> tensors, long dim = 0) => Join(tensors.ToArray(), dim, stack: true);

    private static unsafe Tensor Join(Tensor[] tensors, long dim, bool stack)
    {
        var handles = Tensor.Handles(tensors);
        fixed (IntPtr* p = handles)
        {
            return new Tensor(stack ? Native.tensor_stack(p, handles.Length, dim) : Native.tensor_cat(p, handles.Length, dim));
        }
    }

    public static Tensor flatten(Tensor input, long start_dim = 0, long end_dim = -1) => input.flatten(start_dim, end_dim);
    public static Tensor reshape(Tensor input, params long[] shape) => input.reshape(shape);
    public static Tensor unsqueeze(Tensor input, long dim) => input.unsqueeze(dim);
    public static Tensor squeeze(Tensor input, long? dim = null) => input.squeeze(dim);
}
