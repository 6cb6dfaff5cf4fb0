using MnistCompare.Data;

namespace MnistCompare.Tests.Data;

// The real MNIST set, loaded once for all the tests of a class (loading takes a fraction of a second, but
// 60000 float images are 188 MB).
public sealed class MnistFixture : IDisposable
{
    public MnistDataset Dataset { get; } = DatasetLoader.Load(DatasetLocator.MnistName);

    public void Dispose() => Dataset.Dispose();
}
