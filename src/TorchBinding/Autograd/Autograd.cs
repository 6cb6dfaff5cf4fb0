using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using TorchBinding.Interop;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class autograd
        {
            public static unsafe IList<Tensor> grad(IList<Tensor> outputs, IList<Tensor> inputs, IList<Tensor>? grad_outputs = null,
                bool retain_graph = false, bool create_graph = false, bool allow_unused = false)
            {
                var outs = Tensor.Handles(outputs);
                var ins = Tensor.Handles(inputs);
                var gradOuts = Tensor.Handles(grad_outputs);
                var result = new IntPtr[ins.Length];
                fixed (IntPtr* o = outs, i = ins, g = gradOuts, r = result)
                {
                    Check.Status(Native.autograd_grad(o, outs.Length, i, ins.Length, g, gradOuts.Length, Tensor.Flag(retain_graph),
                        Tensor.Flag(create_graph), Tensor.Flag(allow_unused), r));
                }
                return result.Select(h => h == IntPtr.Zero ? null! : new Tensor(h)).ToList();
            }

            // What forward and backward of a custom function see: saved tensors (kept by libtorch, so they obey its
            // version checks) and saved managed data (kept here until libtorch frees the graph node).
            public sealed class AutogradContext : IDisposable
            {
                private readonly Dictionary<string, object> data = new();
                private IntPtr native;

                internal AutogradContext()
                {
                }

                internal IntPtr Native
                {
                    get => native != IntPtr.Zero ? native : throw new InvalidOperationException("The autograd context is only usable inside forward and backward.");
                    set => native = value;
                }

                public bool MaterializeGrads { get; private set; } = true;

                public unsafe void save_for_backward(List<Tensor> tensors)
                {
                    var handles = Tensor.Handles(tensors);
                    fixed (IntPtr* p = handles) Check.Status(TorchBinding.Interop.Native.autograd_ctx_save_for_backward(Native, p, handles.Length));
                }

                public unsafe List<Tensor> get_saved_variables()
                {
                    Check.Status(TorchBinding.Interop.Native.autograd_ctx_saved_count(Native, out var count));
                    var handles = new IntPtr[count];
                    fixed (IntPtr* p = handles) Check.Status(TorchBinding.Interop.Native.autograd_ctx_get_saved(Native, p));
                    return handles.Select(h => h == IntPtr.Zero ? null! : new Tensor(h)).ToList();
                }

                public void save_data(string key, object value) => data[key] = value;

                public object get_data(string key) => data[key];

                public unsafe void mark_dirty(List<Tensor> tensors)
                {
                    var handles = Tensor.Handles(tensors);
                    fixed (IntPtr* p = handles) Check.Status(TorchBinding.Interop.Native.autograd_ctx_mark_dirty(Native, p, handles.Length));
                }

                public unsafe void mark_non_differentiable(List<Tensor> tensors)
                {
                    var handles = Tensor.Handles(tensors);
                    fixed (IntPtr* p = handles) Check.Status(TorchBinding.Interop.Native.autograd_ctx_mark_non_differentiable(Native, p, handles.Length));
                }

                public void set_materialize_grads(bool value)
                {
                    Check.Status(TorchBinding.Interop.Native.autograd_ctx_set_materialize_grads(Native, Tensor.Flag(value)));
                    MaterializeGrads = value;
                }

                public void Dispose() => data.Clear();
            }

            // The shared machinery of SingleTensorFunction and MultiTensorFunction. One instance per function type.
            public abstract class Function<T> where T : Function<T>, new()
            {
                private static readonly T instance = new();

                public abstract string Name { get; }

                internal abstract List<Tensor> ForwardInternal(AutogradContext ctx, object[] vars);

                internal abstract List<Tensor?> BackwardInternal(AutogradContext ctx, List<Tensor?> gradOutputs);

                internal static List<Tensor> Apply(object[] vars) => TorchBinding.CustomFunctions.Apply(instance, vars);
            }

            public abstract class SingleTensorFunction<T> : Function<T> where T : SingleTensorFunction<T>, new()
            {
                public abstract Tensor forward(AutogradContext ctx, params object[] vars);

                public abstract List<Tensor> backward(AutogradContext ctx, Tensor grad_output);

                public static Tensor apply(params object[] vars) => Apply(vars)[0];

                internal override List<Tensor> ForwardInternal(AutogradContext ctx, object[] vars) => new() { forward(ctx, vars) };

                internal override List<Tensor?> BackwardInternal(AutogradContext ctx, List<Tensor?> gradOutputs) =>
                    backward(ctx, gradOutputs[0]!).Cast<Tensor?>().ToList();
            }

            public abstract class MultiTensorFunction<T> : Function<T> where T : MultiTensorFunction<T>, new()
            {
                public abstract List<Tensor> forward(AutogradContext ctx, params object[] vars);

                public abstract List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs);

                public static List<Tensor> apply(params object[] vars) => Apply(vars);

                internal override List<Tensor> ForwardInternal(AutogradContext ctx, object[] vars) => forward(ctx, vars);

                internal override List<Tensor?> BackwardInternal(AutogradContext ctx, List<Tensor?> gradOutputs) =>
                    backward(ctx, gradOutputs!).Cast<Tensor?>().ToList();
            }
        }
    }
}

namespace TorchBinding
{
    using static TorchSharp.torch;
    using static TorchSharp.torch.autograd;

    // Runs a managed function inside libtorch's autograd graph: the shim calls back here for forward and backward
    // (native/autograd.cpp), and tells us when the graph node that holds a call's context is freed.
    internal static class CustomFunctions
    {
        private sealed record Call(Func<AutogradContext, object[], List<Tensor>> Forward,
            Func<AutogradContext, List<Tensor?>, List<Tensor?>> Backward, object[] Vars, AutogradContext Context);

        private static readonly ConcurrentDictionary<long, Call> calls = new();
        private static long nextId;
        private static readonly Lazy<bool> registered = new(Register);

        internal static unsafe List<Tensor> Apply<T>(Function<T> function, object[] vars) where T : Function<T>, new()
        {
            _ = registered.Value;
            var inputs = vars.OfType<Tensor>().ToArray();
            var id = Interlocked.Increment(ref nextId);
            calls[id] = new Call(function.ForwardInternal, function.BackwardInternal, vars, new AutogradContext());
            var handles = Tensor.Handles(inputs);
            var outputs = new IntPtr[64];
            long count;
            try
            {
                fixed (IntPtr* i = handles, o = outputs)
                {
                    Check.Status(Native.autograd_function_apply(id, i, handles.Length, o, outputs.Length, out count));
                }
            }
            catch
            {
                calls.TryRemove(id, out _);
                throw;
            }
            return outputs.Take((int)count).Select(h => new Tensor(h)).ToList();
        }

        private static unsafe bool Register()
        {
            Native.autograd_set_callbacks(&OnForward, &OnBackward, &OnRelease);
            return true;
        }

        [UnmanagedCallersOnly]
        private static unsafe int OnForward(long id, IntPtr ctx, IntPtr* inputs, long nInputs, IntPtr* outputs, long capacity, long* nOutputs)
        {
            try
            {
                var call = calls[id];
                call.Context.Native = ctx;
                try
                {
                    // libtorch passes the same tensors it was given; the managed objects in vars stand for them.
                    var results = call.Forward(call.Context, call.Vars);
                    if (results.Count > capacity) throw new InvalidOperationException($"A custom function may return at most {capacity} tensors.");
                    for (var i = 0; i < results.Count; i++) outputs[i] = Check.Handle(Native.tensor_alias(results[i].Handle));
                    *nOutputs = results.Count;
                }
                finally
                {
                    call.Context.Native = IntPtr.Zero;
                }
                return 1;
            }
            catch (Exception e)
            {
                Fail(e);
                return 0;
            }
        }

        [UnmanagedCallersOnly]
        private static unsafe int OnBackward(long id, IntPtr ctx, IntPtr* gradOutputs, long nGradOutputs, IntPtr* gradInputs, long nInputs)
        {
            try
            {
                var call = calls[id];
                using var scope = NewDisposeScope();
                var grads = new List<Tensor?>();
                for (var i = 0; i < nGradOutputs; i++)
                {
                    grads.Add(gradOutputs[i] == IntPtr.Zero ? null : new Tensor(Check.Handle(Native.tensor_alias(gradOutputs[i]))));
                }
                call.Context.Native = ctx;
                List<Tensor?> results;
                try
                {
                    results = call.Backward(call.Context, grads);
                }
                finally
                {
                    call.Context.Native = IntPtr.Zero;
                }
                if (results.Count != call.Vars.Length)
                {
                    throw new InvalidOperationException(
                        $"backward returned {results.Count} gradients but forward took {call.Vars.Length} arguments");
                }
                var slot = 0;
                for (var i = 0; i < call.Vars.Length; i++)
                {
                    if (call.Vars[i] is not Tensor) continue;
                    var g = results[i];
                    gradInputs[slot++] = g is null ? IntPtr.Zero : Check.Handle(Native.tensor_alias(g.Handle));
                }
                return 1;
            }
            catch (Exception e)
            {
                Fail(e);
                return 0;
            }
        }

        [UnmanagedCallersOnly]
        private static void OnRelease(long id)
        {
            if (calls.TryRemove(id, out var call)) call.Context.Dispose();
        }

        private static unsafe void Fail(Exception e)
        {
            var message = Encoding.UTF8.GetBytes($"{e.GetType().Name}: {e.Message}\0");
            fixed (byte* p = message) Native.autograd_callback_failed(p);
        }
    }
}
