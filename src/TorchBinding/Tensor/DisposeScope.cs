namespace TorchSharp;

// Tensors created while a scope is the innermost one on its thread belong to it and are disposed with it.
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? innermost;

    private readonly DisposeScope? outer;
    private HashSet<IDisposable> disposables = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    internal DisposeScope()
    {
        outer = innermost;
        innermost = this;
    }

    internal static DisposeScope? Current => innermost;

    public int DisposablesCount => disposables.Count;

    internal static void Track(torch.Tensor tensor)
    {
        var scope = innermost;
        if (scope is null) return;
        scope.disposables.Add(tensor);
        tensor.OwningDisposeScope = scope;
    }

    public bool Contains(IDisposable disposable) => disposables.Contains(disposable);

    public T Include<T>(T disposable) where T : IDisposable
    {
        Adopt(this, disposable);
        return disposable;
    }

    public T MoveToOuter<T>(T disposable) where T : IDisposable => MoveToOther(outer, disposable);

    public void MoveToOuter(params IDisposable[] disposables) => MoveToOther(outer, (IEnumerable<IDisposable>)disposables);

    public void MoveToOuter(IEnumerable<IDisposable> disposables) => MoveToOther(outer, disposables);

    public T MoveToOther<T>(DisposeScope? scope, T disposable) where T : IDisposable
    {
        if (disposables.Remove(disposable)) Adopt(scope, disposable);
        return disposable;
    }

    public void MoveToOther(DisposeScope? scope, IEnumerable<IDisposable> disposables)
    {
        foreach (var disposable in disposables) MoveToOther(scope, disposable);
    }

    public T Detach<T>(T disposable) where T : IDisposable => MoveToOther(null, disposable);

    public void Detach(params IDisposable[] disposables) => MoveToOther(null, (IEnumerable<IDisposable>)disposables);

    public void Detach(IEnumerable<IDisposable> disposables) => MoveToOther(null, disposables);

    public void MarkAsDisposed(IDisposable disposable)
    {
        disposables.Remove(disposable);
        if (disposable is torch.Tensor tensor) tensor.OwningDisposeScope = null;
    }

    public void DisposeEverything() => DisposeEverythingBut(Array.Empty<IDisposable>());

    public void DisposeEverythingBut(params IDisposable[] keep) => DisposeEverythingBut((IEnumerable<IDisposable>)keep);

    public T DisposeEverythingBut<T>(T keep) where T : IDisposable
    {
        DisposeEverythingBut(new IDisposable[] { keep });
        return keep;
    }

    public void DisposeEverythingBut(IEnumerable<IDisposable> inKeep)
    {
        var kept = new HashSet<IDisposable>(inKeep, ReferenceEqualityComparer.Instance);
        var doomed = disposables;
        disposables = new HashSet<IDisposable>(ReferenceEqualityComparer.Instance);
        foreach (var disposable in doomed)
        {
            if (kept.Contains(disposable))
            {
                disposables.Add(disposable);
                continue;
            }
            if (disposable is torch.Tensor tensor) tensor.OwningDisposeScope = null;
            disposable.Dispose();
        }
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        DisposeEverything();
        if (innermost == this) innermost = outer;
    }

    private static void Adopt(DisposeScope? scope, IDisposable disposable)
    {
        scope?.disposables.Add(disposable);
        if (disposable is torch.Tensor tensor) tensor.OwningDisposeScope = scope;
    }
}

public static partial class torch
{
    public static DisposeScope NewDisposeScope() => new();

    public static DisposeScope? CurrentDisposeScope => DisposeScope.Current;

    public static Tensor WrappedTensorDisposeScope(Func<Tensor> expr)
    {
        using var scope = NewDisposeScope();
        return expr().MoveToOuterDisposeScope();
    }
}
