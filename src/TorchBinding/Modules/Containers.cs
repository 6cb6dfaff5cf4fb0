using static TorchSharp.torch;

namespace TorchSharp.Modules;

public sealed class Sequential : nn.Module<Tensor, Tensor>
{
    private readonly List<nn.IModule<Tensor, Tensor>> layers = new();

    internal Sequential() : base(nameof(Sequential))
    {
    }

    public int Count => layers.Count;

    public nn.IModule<Tensor, Tensor> this[int index] => layers[index];

    public Sequential this[Range range]
    {
        get
        {
            var slice = new Sequential();
            var (offset, length) = range.GetOffsetAndLength(layers.Count);
            foreach (var (name, module) in named_children().Skip(offset).Take(length)) slice.append(name, (nn.IModule<Tensor, Tensor>)module);
            return slice;
        }
    }

    public Sequential append(nn.IModule<Tensor, Tensor> module) => append(layers.Count.ToString(), module);

    public Sequential append(string name, nn.IModule<Tensor, Tensor> module)
    {
        if (module is not nn.Module m) throw new ArgumentException("A Sequential holds modules only.", nameof(module));
        register_module(name, m);
        layers.Add(module);
        return this;
    }

    // Intermediate results are disposed as soon as the next layer has consumed them.
    public override Tensor forward(Tensor tensor)
    {
        if (layers.Count == 0) return tensor.alias();
        var x = tensor;
        foreach (var layer in layers)
        {
            var next = layer.call(x);
            if (!ReferenceEquals(x, tensor) && !ReferenceEquals(x, next)) x.Dispose();
            x = next;
        }
        return ReferenceEquals(x, tensor) ? tensor.alias() : x;
    }
}

public class ModuleList<T> : nn.Module, IList<T> where T : nn.Module
{
    private readonly List<T> items = new();

    public ModuleList(params T[] modules) : base("ModuleList")
    {
        foreach (var module in modules) Add(module);
    }

    public T this[int index]
    {
        get => items[index];
        set => throw new NotSupportedException("Replacing a registered module is not supported.");
    }

    public int Count => items.Count;

    public bool IsReadOnly => false;

    public void Add(T item)
    {
        register_module(items.Count.ToString(), item);
        items.Add(item);
    }

    // Appends zero or more modules to the end of the list (TorchSharp's signature: void, params).
    public void append(params T[] parameters)
    {
        foreach (var module in parameters) Add(module);
    }

    public void Clear() => throw new NotSupportedException("Removing registered modules is not supported.");

    public bool Contains(T item) => items.Contains(item);

    public void CopyTo(T[] array, int arrayIndex) => items.CopyTo(array, arrayIndex);

    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public int IndexOf(T item) => items.IndexOf(item);

    public void Insert(int index, T item) => throw new NotSupportedException("Inserting registered modules is not supported.");

    public bool Remove(T item) => throw new NotSupportedException("Removing registered modules is not supported.");

    public void RemoveAt(int index) => throw new NotSupportedException("Removing registered modules is not supported.");
}
