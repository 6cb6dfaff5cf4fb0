using TorchBinding.Interop;

namespace TorchSharp;

public static partial class torch
{
    // Reductions, shape changes, selection and joining.
    public partial class Tensor
    {
        public Tensor sum(ScalarType? type = null) => new(Native.tensor_sum(Handle, DType(type)));
        public Tensor sum(long dim, bool keepdim = false, ScalarType? type = null) => sum(new[] { dim }, keepdim, type);
        public Tensor sum(ReadOnlySpan<long> dim, bool keepdim = false, ScalarType? type = null) => SumDims(dim, keepdim, type);
        public Tensor sum(long[] dim, bool keepdim = false, ScalarType? type = null) => SumDims(dim, keepdim, type);
        public Tensor sum(long dim0, long dim1, bool keepdim = false, ScalarType? type = null) => sum(new[] { dim0, dim1 }, keepdim, type);
        public Tensor sum(long dim0, long dim1, long dim2, bool keepdim = false, ScalarType? type = null) =>
            sum(new[] { dim0, dim1, dim2 }, keepdim, type);

        private unsafe Tensor SumDims(ReadOnlySpan<long> dims, bool keepdim, ScalarType? type)
        {
            fixed (long* p = dims) return new(Native.tensor_sum_dims(Handle, p, dims.Length, Flag(keepdim), DType(type)));
        }

        public Tensor mean() => new(Native.tensor_mean(Handle));

        public unsafe Tensor mean(long[] dimensions, bool keepdim = false, ScalarType? type = null)
        {
            fixed (long* p = dimensions) return new(Native.tensor_mean_dims(Handle, p, dimensions.Length, Flag(keepdim), DType(type)));
        }

        public Tensor prod(ScalarType? type = null) => new(Native.tensor_prod(Handle, DType(type)));
        public Tensor prod(long dim, bool keepdim = false, ScalarType? type = null) => new(Native.tensor_prod_dim(Handle, dim, Flag(keepdim), DType(type)));

        public unsafe Tensor var(bool unbiased = true) => new(Native.tensor_var(Handle, null, 0, unbiased ? 1 : 0, 0));
        public unsafe Tensor std(bool unbiased = true) => new(Native.tensor_std(Handle, null, 0, unbiased ? 1 : 0, 0));

        public Tensor max() => new(Native.tensor_max(Handle));
        public Tensor max(Tensor other) => maximum(other);
        public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false)
        {
            Check.Status(Native.tensor_max_dim(Handle, dim, Flag(keepdim), out var values, out var indices));
            return (new Tensor(values), new Tensor(indices));
        }

        public Tensor min() => new(Native.tensor_min(Handle));
        public Tensor min(Tensor other) => minimum(other);
        public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false)
        {
            Check.Status(Native.tensor_min_dim(Handle, dim, Flag(keepdim), out var values, out var indices));
            return (new Tensor(values), new Tensor(indices));
        }

        public Tensor argmax() => new(Native.tensor_argmax(Handle, 0, 0, 0));
        public Tensor argmax(long dim, bool keepdim = false) => new(Native.tensor_argmax(Handle, 1, dim, Flag(keepdim)));
        public Tensor argmin() => new(Native.tensor_argmin(Handle, 0, 0, 0));
        public Tensor argmin(long dim, bool keepdim = false) => new(Native.tensor_argmin(Handle, 1, dim, Flag(keepdim)));

        public (Tensor values, Tensor indexes) topk(int k, int dim = -1, bool largest = true, bool sorted = true)
        {
            Check.Status(Native.tensor_topk(Handle, k, dim, Flag(largest), Flag(sorted), out var values, out var indices));
            return (new Tensor(values), new Tensor(indices));
        }

        public (Tensor Values, Tensor Indices) sort(long dim = -1, bool descending = false, bool stable = false)
        {
            Check.Status(Native.tensor_sort(Handle, dim, Flag(descending), Flag(stable), out var values, out var indices));
            return (new Tensor(values), new Tensor(indices));
        }

        public Tensor argsort(long dim = -1, bool descending = false) => new(Native.tensor_argsort(Handle, dim, Flag(descending)));
        public Tensor cumsum(long dim, ScalarType? type = null)
        {
            var result = new Tensor(Native.tensor_cumsum(Handle, dim));
            return type is null ? result : result.to(type.Value, disposeAfter: true);
        }
        public Tensor logsumexp(long dim, bool keepdim = false) => new(Native.tensor_logsumexp(Handle, dim, Flag(keepdim)));

        // ---- shape ----

        public unsafe Tensor reshape(params long[] shape)
        {
            fixed (long* p = shape) return new(Native.tensor_reshape(Handle, p, shape.Length));
        }

        public unsafe Tensor view(params long[] shape)
        {
            fixed (long* p = shape) return new(Native.tensor_view(Handle, p, shape.Length));
        }

        public Tensor view_as(Tensor other) => view(other.shape);
        public Tensor flatten(long start_dim = 0, long end_dim = -1) => new(Native.tensor_flatten(Handle, start_dim, end_dim));

        public unsafe Tensor unflatten(long dim, params long[] sizes)
        {
            fixed (long* p = sizes) return new(Native.tensor_unflatten(Handle, dim, p, sizes.Length));
        }

        public Tensor unsqueeze(long dim) => new(Native.tensor_unsqueeze(Handle, dim));
        public Tensor squeeze(long? dim = null) => new(Native.tensor_squeeze(Handle, Flag(dim.HasValue), dim ?? 0));

        public unsafe Tensor permute(params long[] permutation)
        {
            fixed (long* p = permutation) return new(Native.tensor_permute(Handle, p, permutation.Length));
        }

        public Tensor transpose(long dim0, long dim1) => new(Native.tensor_transpose(Handle, dim0, dim1));
        public Tensor t() => new(Native.tensor_t(Handle));
        public Tensor T => permute(Enumerable.Range(0, (int)dim()).Reverse().Select(i => (long)i).ToArray());

        public unsafe Tensor expand(params long[] sizes)
        {
            fixed (long* p = sizes) return new(Native.tensor_expand(Handle, p, sizes.Length));
        }

        public Tensor expand_as(Tensor other) => expand(other.shape);

        public unsafe Tensor repeat(params long[] sizes)
        {
            fixed (long* p = sizes) return new(Native.tensor_repeat(Handle, p, sizes.Length));
        }

        public Tensor index_select(long dim, Tensor index) => new(Native.tensor_index_select(Handle, dim, index.Handle));
        public Tensor select(long dim, long index) => new(Native.tensor_select(Handle, dim, index));
        public Tensor narrow(long dim, long start, long length) => new(Native.tensor_narrow(Handle, dim, start, length));
        public Tensor gather(long dim, Tensor index) => new(Native.tensor_gather(Handle, dim, index.Handle));

        // Invalid arguments (chunks <= 0, a bad dim) are left to libtorch, which raises its own error; the buffer is
        // sized for the most pieces a valid call can return (an empty dimension comes back as `chunks` empty pieces).
        public unsafe Tensor[] chunk(long chunks, long dim = 0)
        {
            var length = DimensionLength(dim);
            var result = new IntPtr[chunks <= 0 || length is null ? 0 : length == 0 ? chunks : Math.Min(chunks, length.Value)];
            long count;
            fixed (IntPtr* p = result) Check.Status(Native.tensor_chunk(Handle, chunks, dim, p, out count));
            return result.Take((int)count).Select(h => new Tensor(h)).ToArray();
        }

        public unsafe Tensor[] split(long size, int dim = 0)
        {
            var length = DimensionLength(dim) ?? 0;
            var result = new IntPtr[size <= 0 ? 1 : Math.Max(1, (length + size - 1) / size)];
            long count;
            fixed (IntPtr* p = result) Check.Status(Native.tensor_split(Handle, size, dim, p, out count));
            return result.Take((int)count).Select(h => new Tensor(h)).ToArray();
        }

        // The length of dimension dim, or null when dim is out of range (the native call then reports the error).
        private long? DimensionLength(long dim)
        {
            var sizes = shape;
            var index = dim < 0 ? dim + sizes.Length : dim;
            return index >= 0 && index < sizes.Length ? sizes[index] : null;
        }

        public unsafe Tensor[] split(long[] sizes, long dim = 0)
        {
            var result = new IntPtr[sizes.Length];
            fixed (long* s = sizes)
            fixed (IntPtr* p = result)
            {
                Check.Status(Native.tensor_split_sizes(Handle, s, sizes.Length, dim, p));
            }
            return result.Select(h => new Tensor(h)).ToArray();
        }
    }
}
