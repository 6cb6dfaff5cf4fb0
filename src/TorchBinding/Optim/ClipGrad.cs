using TorchSharp.Modules;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        public static class utils
        {
            public static void clip_grad_value_(IEnumerable<Parameter> tensors, double clip_value)
            {
                using (no_grad())
                {
                    foreach (var p in tensors)
                    {
                        using var g = p.grad;
                        g?.clamp_((Scalar)(-clip_value), (Scalar)clip_value);
                    }
                }
            }

            // Scales all gradients together so that their joint norm is at most max_norm; returns the norm before.
            public static double clip_grad_norm_(IEnumerable<Parameter> tensors, double max_norm, double norm_type = 2.0)
            {
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                var grads = tensors.Select(p => p.grad).OfType<Tensor>().ToList();
                if (grads.Count == 0) return 0.0;
                double total;
                if (double.IsPositiveInfinity(norm_type))
                {
                    total = grads.Max(g => g.abs().max().ToDouble());
                }
                else
                {
                    var norms = stack(grads.Select(g => new Tensor(TorchBinding.Interop.Native.tensor_norm(g.Handle, norm_type))));
                    total = new Tensor(TorchBinding.Interop.Native.tensor_norm(norms.Handle, norm_type)).ToDouble();
                }
                var coefficient = max_norm / (total + 1e-6);
                if (coefficient < 1)
                {
                    foreach (var g in grads) g.mul_(coefficient);
                }
                return total;
            }
        }
    }
}
