using System.Reflection;
using TorchBinding;
using TorchSharp.Modules;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        // Modules are managed objects: parameters, buffers and children live in ordered registries here and the
        // computation goes through nn.functional, so only tensors cross the shim.
        public class Module : IDisposable
        {
            private readonly string name;
            private readonly List<(string name, Parameter parameter)> parameterRegistry = new();
            private readonly List<(string name, Tensor buffer, bool persistent)> bufferRegistry = new();
            private readonly List<(string name, Module module)> moduleRegistry = new();
            private bool componentsRegistered;
            private bool isTraining = true;

            protected Module(string name) => this.name = name;

            public virtual string GetName() => name;

            public virtual bool training => isTraining;

            public virtual void train(bool train = true)
            {
                isTraining = train;
                foreach (var (_, child) in moduleRegistry) child.train(train);
            }

            public virtual void eval() => train(false);

            // ---- registration ----

            public virtual void register_module(string name, Module submodule)
            {
                CheckName(name);
                if (moduleRegistry.Any(m => m.name == name))
                    throw new InvalidOperationException($"Module {name} is already registered.");
                submodule.RegisterComponents();
                moduleRegistry.Add((name, submodule));
            }

            public void add_module(string name, Module module) => register_module(name, module);

            public virtual void register_parameter(string name, Parameter param)
            {
                ArgumentNullException.ThrowIfNull(param);
                CheckName(name);
                if (parameterRegistry.Any(p => p.name == name))
                    throw new InvalidOperationException($"Parameter {name} is already registered.");
                parameterRegistry.Add((name, param));
            }

            public virtual void register_buffer(string name, Tensor tensor, bool persistent = true)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                CheckName(name);
                if (bufferRegistry.Any(b => b.name == name))
                    throw new InvalidOperationException($"Tensor {name} is already registered.");
                bufferRegistry.Add((name, tensor, persistent));
            }

            private static void CheckName(string name)
            {
                if (string.IsNullOrEmpty(name)) throw new ArgumentException("A module component name cannot be empty.", nameof(name));
                if (name.Contains('.')) throw new ArgumentException($"A module component name cannot contain '.': {name}", nameof(name));
            }

            // Registers every field holding a module, a parameter or a tensor, under the field's name.
            protected virtual void RegisterComponents()
            {
                if (componentsRegistered) return;
                componentsRegistered = true;
                foreach (var field in ComponentFields(GetType()))
                {
                    var componentName = field.GetCustomAttribute<Utils.ComponentNameAttribute>()?.Name ?? field.Name;
                    switch (field.GetValue(this))
                    {
                        case Module module when moduleRegistry.All(m => m.name != componentName):
                            register_module(componentName, module);
                            break;
                        case TorchSharp.Modules.Parameter parameter when parameterRegistry.All(p => p.name != componentName):
                            register_parameter(componentName, parameter);
                            break;
                        case TorchSharp.Modules.Parameter:
                            break;
                        case Tensor tensor when bufferRegistry.All(b => b.name != componentName):
                            register_buffer(componentName, tensor);
                            break;
                    }
                }
            }

            private static IEnumerable<FieldInfo> ComponentFields(Type? type)
            {
                const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
                for (; type is not null && type != typeof(Module); type = type.BaseType)
                {
                    foreach (var field in type.GetFields(flags)) yield return field;
                }
            }

            protected void ClearModules() => moduleRegistry.Clear();

            // ---- traversal ----

            public virtual IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
            {
                foreach (var entry in parameterRegistry) yield return entry;
                if (!recurse) yield break;
                foreach (var (childName, child) in moduleRegistry)
                {
                    foreach (var (n, p) in child.named_parameters(true)) yield return ($"{childName}.{n}", p);
                }
            }

            public virtual IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.parameter);

            public virtual IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true, bool include_nonpersistent = true)
            {
                foreach (var (n, b, persistent) in bufferRegistry)
                {
                    if (persistent || include_nonpersistent) yield return (n, b);
                }
                if (!recurse) yield break;
                foreach (var (childName, child) in moduleRegistry)
                {
                    foreach (var (n, b) in child.named_buffers(true, include_nonpersistent)) yield return ($"{childName}.{n}", b);
                }
            }

            public virtual IEnumerable<Tensor> buffers(bool recurse = true, bool include_nonpersistent = true) =>
                named_buffers(recurse, include_nonpersistent).Select(b => b.buffer);

            public virtual IEnumerable<(string name, Module module)> named_children() => moduleRegistry.ToList();

            public virtual IEnumerable<Module> children() => moduleRegistry.Select(m => m.module).ToList();

            public virtual IEnumerable<(string name, Module module)> named_modules()
            {
                foreach (var (childName, child) in moduleRegistry)
                {
                    yield return (childName, child);
                    foreach (var (n, m) in child.named_modules()) yield return ($"{childName}.{n}", m);
                }
            }

            public virtual IEnumerable<Module> modules() => named_modules().Select(m => m.module);

            public virtual Module apply(Action<Module> fn)
            {
                foreach (var (_, child) in moduleRegistry) child.apply(fn);
                fn(this);
                return this;
            }

            public virtual void zero_grad(bool set_to_none = true)
            {
                foreach (var p in parameters())
                {
                    using var g = p.grad;
                    if (g is null) continue;
                    if (set_to_none) p.grad = null;
                    else g.zero_();
                }
            }

            // ---- state ----

            public virtual Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null)
            {
                destination ??= new Dictionary<string, Tensor>();
                var p = string.IsNullOrEmpty(prefix) ? "" : prefix + ".";
                foreach (var (n, param) in named_parameters()) destination[p + n] = param;
                foreach (var (n, buffer) in named_buffers(true, include_nonpersistent: false)) destination[p + n] = buffer;
                return destination;
            }

            public virtual (IList<string> missing_keys, IList<string> unexpected_keyes) load_state_dict(Dictionary<string, Tensor> source,
                bool strict = true, IList<string>? skip = null)
            {
                skip ??= Array.Empty<string>();
                var own = state_dict();
                var missing = own.Keys.Where(k => !source.ContainsKey(k) && !skip.Contains(k)).ToList();
                var unexpected = source.Keys.Where(k => !own.ContainsKey(k)).ToList();
                if (strict && (missing.Count > 0 || unexpected.Count > 0))
                {
                    throw new InvalidOperationException(
                        $"The state dictionary does not match the module: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
                }
                using (no_grad())
                {
                    foreach (var (key, target) in own)
                    {
                        if (skip.Contains(key) || !source.TryGetValue(key, out var value)) continue;
                        if (!target.shape.SequenceEqual(value.shape))
                        {
                            throw new ArgumentException(
                                $"Mismatched shape for '{key}': the module has [{string.Join(", ", target.shape)}], the state has [{string.Join(", ", value.shape)}]");
                        }
                        target.copy_(value);
                    }
                }
                return (missing, unexpected);
            }

            public Module save(string location, IList<string>? skip = null)
            {
                StateFile.WriteAtomically(location, stream => save(stream, skip));
                return this;
            }

            public Module save(Stream stream, IList<string>? skip = null)
            {
                using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
                return save(writer, skip);
            }

            public Module save(BinaryWriter writer, IList<string>? skip = null)
            {
                StateFile.Write(writer, state_dict().Where(e => skip is null || !skip.Contains(e.Key)).ToList());
                return this;
            }

            public virtual Module load(string location, bool strict = true, IList<string>? skip = null,
                Dictionary<string, bool>? loadedParameters = null)
            {
                if (!File.Exists(location)) throw new FileNotFoundException($"The weights file '{location}' does not exist.", location);
                using var stream = File.OpenRead(location);
                try
                {
                    return load(stream, strict, skip, loadedParameters);
                }
                // FormatException: BinaryReader's answer to a key whose length prefix runs past 32 bits.
                catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or InvalidOperationException or IOException
                                              or FormatException)
                {
                    throw new ArgumentException($"Cannot load weights from '{location}': {e.Message}", e);
                }
            }

            public virtual Module load(Stream stream, bool strict = true, IList<string>? skip = null,
                Dictionary<string, bool>? loadedParameters = null)
            {
                using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
                return load(reader, strict, skip, loadedParameters);
            }

            public virtual Module load(BinaryReader reader, bool strict = true, IList<string>? skip = null,
                Dictionary<string, bool>? loadedParameters = null)
            {
                StateFile.Read(reader, state_dict(), strict, skip ?? Array.Empty<string>(), loadedParameters);
                return this;
            }

            // ---- moving ----

            // Makes new Parameter and buffer objects on the target device/dtype and writes them back into the
            // fields (or public properties) that held the old ones, as TorchSharp does.
            internal void MoveTo(ScalarType? dtype, Device? device)
            {
                foreach (var (_, child) in moduleRegistry) child.MoveTo(dtype, device);
                for (var i = 0; i < parameterRegistry.Count; i++)
                {
                    var (n, old) = parameterRegistry[i];
                    if (!NeedsMove(old, dtype, device)) continue;
                    var type = dtype is { } t && IsFloatingPoint(old.dtype) ? t : old.dtype;
                    Parameter moved;
                    using (no_grad())
                    {
                        moved = new Parameter(old.to(type, device ?? old.device), old.requires_grad);
                    }
                    moved.DetachFromDisposeScope();
                    parameterRegistry[i] = (n, moved);
                    ReplaceMember(old, moved);
                    old.Dispose();
                }
                for (var i = 0; i < bufferRegistry.Count; i++)
                {
                    var (n, old, persistent) = bufferRegistry[i];
                    if (!NeedsMove(old, dtype, device)) continue;
                    var type = dtype is { } t && IsFloatingPoint(old.dtype) ? t : old.dtype;
                    var moved = old.to(type, device ?? old.device).DetachFromDisposeScope();
                    bufferRegistry[i] = (n, moved, persistent);
                    ReplaceMember(old, moved);
                    old.Dispose();
                }
            }

            private static bool NeedsMove(Tensor t, ScalarType? dtype, Device? device) =>
                (device is not null && (device.type != t.device_type || (device.index != -1 && device.index != t.device_index))) ||
                (dtype is { } type && IsFloatingPoint(t.dtype) && type != t.dtype);

            private void ReplaceMember(Tensor old, Tensor replacement)
            {
                const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
                for (var type = GetType(); type is not null && type != typeof(Module); type = type.BaseType)
                {
                    foreach (var field in type.GetFields(flags | BindingFlags.DeclaredOnly))
                    {
                        if (ReferenceEquals(field.GetValue(this), old) && field.FieldType.IsInstanceOfType(replacement)) field.SetValue(this, replacement);
                    }
                }
                foreach (var property in GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public))
                {
                    if (property.CanRead && property.CanWrite && property.GetIndexParameters().Length == 0 &&
                        property.PropertyType.IsInstanceOfType(replacement) && ReferenceEquals(property.GetValue(this), old))
                    {
                        property.SetValue(this, replacement);
                    }
                }
            }

            // Built-in layers keep their parameters in the registry; these let their properties read and replace them.
            internal Parameter? GetRegisteredParameter(string parameterName) =>
                parameterRegistry.FirstOrDefault(p => p.name == parameterName).parameter;

            internal void SetRegisteredParameter(string parameterName, Parameter? value)
            {
                var index = parameterRegistry.FindIndex(p => p.name == parameterName);
                if (value is null)
                {
                    if (index >= 0) parameterRegistry.RemoveAt(index);
                }
                else if (index >= 0)
                {
                    parameterRegistry[index] = (parameterName, value);
                }
                else
                {
                    parameterRegistry.Add((parameterName, value));
                }
            }

            // ---- lifetime ----

            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            protected virtual void Dispose(bool disposing)
            {
                if (!disposing) return;
                foreach (var (_, child) in moduleRegistry) child.Dispose();
                foreach (var (_, p) in parameterRegistry) p.Dispose();
                foreach (var (_, b, _) in bufferRegistry) b.Dispose();
                parameterRegistry.Clear();
                bufferRegistry.Clear();
            }
        }

        public interface IModule<T, TResult>
        {
            TResult call(T input1);
        }

        // TorchSharp runs forward hooks around forward here; this binding keeps the type for source compatibility.
        public abstract class HookableModule<TPreHook, TPostHook> : Module
        {
            protected HookableModule(string name) : base(name)
            {
            }
        }

        public abstract class Module<T, TResult> :
            HookableModule<Func<Module<T, TResult>, T, T>, Func<Module<T, TResult>, T, TResult, TResult>>, IModule<T, TResult>
        {
            protected Module(string name) : base(name)
            {
            }

            public abstract TResult forward(T input);

            public TResult call(T input) => forward(input);
        }

        public abstract class Module<T1, T2, TResult> :
            HookableModule<Func<Module<T1, T2, TResult>, T1, T2, (T1, T2)?>, Func<Module<T1, T2, TResult>, T1, T2, TResult, TResult>>
        {
            protected Module(string name) : base(name)
            {
            }

            public abstract TResult forward(T1 input1, T2 input2);

            public TResult call(T1 input1, T2 input2) => forward(input1, input2);
        }

        public static Parameter Parameter(Tensor data, bool requires_grad = true) => new(data, requires_grad);
    }
}
