using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace TorchBinding.Tests;

// Every error path: libtorch's errors arrive as ExternalException carrying libtorch's message; managed misuse
// raises the .NET exception TorchSharp raises. After an error the binding keeps working.
public class ErrorTests
{
    // Runs the call, expects an ExternalException whose message contains every fragment (case-insensitive).
    private static ExternalException Native(Action call, params string[] fragments)
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ExternalException>(call);
        foreach (var fragment in fragments)
            Assert.True(e.Message.Contains(fragment, StringComparison.OrdinalIgnoreCase), $"'{fragment}' not in: {e.Message}");
        Assert.DoesNotContain("Exception raised from", e.Message); // the message, not libtorch's backtrace
        return e;
    }

    private static Tensor Mat(long rows, long columns, ScalarType type = ScalarType.Float32) => ones(rows, columns, type);

    [Fact]
    public void ShapeMismatches()
    {
        Native(() => Mat(2, 3).add(Mat(4, 5)), "size of tensor a (3) must match the size of tensor b (5)", "dimension 1");
        Native(() => _ = Mat(2, 3) * Mat(3, 2), "must match");
        Native(() => Mat(2, 3).matmul(Mat(4, 5)), "shapes cannot be multiplied", "2x3", "4x5");
        Native(() => Mat(2, 3).mm(Mat(2, 3)), "cannot be multiplied");
        Native(() => cat(new[] { Mat(2, 3), Mat(2, 4) }), "Sizes of tensors must match except in dimension 0", "Expected size 3 but got size 4");
        Native(() => stack(new[] { Mat(2, 3), Mat(3, 2) }), "stack expects each tensor to be equal size");
        Native(() => Mat(2, 3).view(7), "shape '[7]' is invalid for input of size 6");
        Native(() => Mat(2, 3).reshape(4, -1), "shape '[4, -1]' is invalid for input of size 6");
        Native(() => Mat(2, 3).t().view(6), "view size is not compatible");
        Native(() => Mat(2, 3).expand(4, 3), "expanded size of the tensor (4) must match the existing size (2)");
        Native(() => Mat(2, 3).copy_(Mat(3, 3)), "must match");
        Native(() => F.linear(Mat(2, 3), Mat(4, 5)), "cannot be multiplied");
        Native(() => F.conv2d(ones(1, 3, 5, 5), ones(2, 2, 3, 3)), "expected input[1, 3, 5, 5] to have 2 channels, but got 3 channels");
        Native(() => F.conv2d(ones(1, 1, 2, 2), ones(1, 1, 3, 3)), "Kernel size can't be greater than actual input size");
        Native(() => F.max_pool2d(ones(1, 1, 2, 2), 3), "Output size is too small");
        Native(() => F.nll_loss(Mat(3, 4).log_softmax(1), tensor(new long[] { 0, 1 })), "Expected input batch_size (3) to match target batch_size (2)");
        Native(() => F.cross_entropy(Mat(3, 4), tensor(new long[] { 0, 1 })), "Expected input batch_size (3) to match target batch_size (2)");
        Native(() => F.binary_cross_entropy(full(3, 0.5), full(4, 0.5)), "size of tensor a (3) must match the size of tensor b (4)");
        Native(() => where(tensor(new[] { true, false }), Mat(2, 3), Mat(2, 3)), "must match");
        Native(() => Mat(2, 3).masked_fill(tensor(new[] { true, false, true, false }), 0), "must match");
    }

    [Fact]
    public void DtypeMismatches()
    {
        Native(() => Mat(2, 3).matmul(Mat(3, 2, ScalarType.Float64)), "expected", "Float", "Double");
        Native(() => F.linear(Mat(2, 3), Mat(4, 3, ScalarType.Float64)), "Float", "Double");
        Native(() => F.conv2d(ones(1, 1, 3, 3), ones(new long[] { 1, 1, 2, 2 }, ScalarType.Float64)), "Double", "Float");
        Native(() => F.nll_loss(Mat(2, 3).log_softmax(1), tensor(new float[] { 0, 1 })), "expected scalar type Long but found Float");
        Native(() => F.cross_entropy(Mat(2, 3), tensor(new[] { 0, 1 })), "expected scalar type Long but found Int");
        Native(() => Mat(2, 3).index_select(0, tensor(new float[] { 0 })), "index_select(): Expected dtype int32 or int64 for index");
        Native(() => Mat(2, 3).gather(1, tensor(new float[] { 0, 0 }, new long[] { 2, 1 })), "gather", "int64");
        Native(() => where(Mat(2, 3), Mat(2, 3), Mat(2, 3)), "where", "bool");
        Native(() => ones(3, ScalarType.Int64).add_(0.5), "result type Float can't be cast to the desired output type Long");
        Native(() => ones(3, ScalarType.Int64).mul_(ones(3)), "result type Float can't be cast to the desired output type Long");
        Native(() => ones(3, ScalarType.Int64)[tensor(new long[] { 0 })] = tensor(new float[] { 1 }), "Index put requires the source and destination dtypes match");
        Native(() => randn(3, ScalarType.Int64), "normal", "Long");
        Native(() => F.one_hot(tensor(new float[] { 0, 1 }), 3), "one_hot is only applicable to index tensor");
    }

    [Fact]
    public void BadIndices()
    {
        var t = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        Native(() => _ = t[5], "index 5 is out of bounds for dimension 0 with size 2");
        Native(() => _ = t[0, 3], "index 3 is out of bounds for dimension 1 with size 3");
        Native(() => _ = t[-3], "index -3 is out of bounds for dimension 0 with size 2");
        Native(() => _ = t[0, 0, 0], "too many indices for tensor of dimension 2");
        Native(() => _ = t[tensor(new long[] { 0, 4 })], "index 4 is out of bounds for dimension 0 with size 2");
        Native(() => _ = t[tensor(new[] { true, false, true })], "shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3]");
        Native(() => t[3] = tensor(1f), "index 3 is out of bounds for dimension 0 with size 2");
        Native(() => t.index_select(1, tensor(new long[] { 0, 3 })), "out of DATA bounds");
        Native(() => t.gather(1, tensor(new long[] { 0, 7 }, new long[] { 2, 1 })), "index 7 is out of bounds for dimension 1 with size 3");
        Native(() => t.select(2, 0), "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
        Native(() => t.select(1, 5), "select(): index 5 out of range for tensor of size [2, 3] at dimension 1");
        Native(() => t.sum(3), "Dimension out of range");
        Native(() => t.softmax(2), "Dimension out of range");
        Native(() => t.narrow(1, 2, 2), "start (2) + length (2) exceeds dimension size (3)");
        Native(() => t.transpose(0, 2), "Dimension out of range");
        Native(() => t.permute(0, 0), "duplicate dims are not allowed");
        Native(() => t.squeeze(4), "Dimension out of range");
        Native(() => t.chunk(2, 5), "Dimension out of range");
        Native(() => t.split(1, 5), "Dimension out of range");
        Native(() => t.size(2), "Dimension out of range");
        Native(() => F.nll_loss(Mat(2, 3).log_softmax(1), tensor(new long[] { 0, 5 })), "Target 5 is out of bounds");
        Native(() => F.cross_entropy(Mat(2, 3), tensor(new long[] { -1, 0 })), "Target -1 is out of bounds");
        Native(() => F.one_hot(tensor(new long[] { 0, 3 }), 3), "Class values must be smaller than num_classes");
        Native(() => t.topk(4), "selected index k out of range");
    }

    [Fact]
    public void WrongArguments()
    {
        Native(() => zeros(-1), "Trying to create tensor with negative dimension -1");
        Native(() => ones(2, -3), "negative dimension -3");
        Native(() => empty(new long[] { 2, -1 }), "negative dimension -1");
        Native(() => randn(-2), "negative dimension -2");
        Native(() => full(new long[] { -1 }, 1.0), "negative dimension -1");
        Native(() => randperm(-1), "negative dimension -1");
        Native(() => eye(-1), "n must be greater or equal to 0, got -1");
        Native(() => arange(0, 10, (Scalar)0), "step must be nonzero");
        Native(() => arange(10, 0, 1), "upper bound and larger bound inconsistent with step sign");
        Native(() => linspace(0, 1, -1), "number of steps must be non-negative");
        Native(() => randint(5, 5, new long[] { 2 }), "random_ expects 'from' to be less than 'to'");
        Native(() => Mat(2, 3).chunk(0), "chunk expects `chunks` to be greater than 0, got: 0");
        Native(() => Mat(2, 3).chunk(-2), "chunk expects `chunks` to be greater than 0, got: -2");
        Native(() => Mat(2, 3).split(0), "split_size can only be 0 if dimension size is 0, but got dimension size of 2");
        Native(() => Mat(2, 3).split(-1), "split expects split_size be non-negative, but got split_size=-1");
        Native(() => Mat(2, 3).split(new long[] { 1, 2 }), "split_with_sizes expects split_sizes to sum exactly to 2");
        Native(() => Mat(2, 3).reshape(-1, -1), "only one dimension can be inferred");
        Native(() => F.dropout(Mat(2, 3), 2), "dropout probability has to be between 0 and 1, but got 2");
        Native(() => F.dropout(Mat(2, 3), -0.5), "dropout probability has to be between 0 and 1, but got -0.5");
        Native(() => F.dropout(Mat(2, 3), 2, inplace: true), "dropout probability has to be between 0 and 1");
        Native(() => F.alpha_dropout(Mat(2, 3), 2, training: true), "dropout probability has to be between 0 and 1");
        Native(() => F.feature_alpha_dropout(ones(2, 3, 4), 1.5, training: true), "dropout probability has to be between 0 and 1");
        Native(() => Dropout(2).call(Mat(2, 3)), "dropout probability has to be between 0 and 1, but got 2");
        Native(() => F.max_pool2d(ones(1, 1, 4, 4), 0, 1), "kernel size should be greater than zero");
        Native(() => F.max_pool2d(ones(1, 1, 4, 4), 2, 0), "stride should not be zero");
        Native(() => F.max_pool2d(ones(1, 1, 4, 4), 2, 2, 2), "pad should be at most half of kernel size");
        Native(() => F.conv2d(ones(1, 1, 4, 4), ones(1, 1, 2, 2), strides: new long[] { 0, 1 }), "non-positive stride is not supported");
        Native(() => F.conv2d(ones(1, 1, 4, 4), ones(1, 1, 2, 2), padding: new long[] { -1, 0 }), "negative padding is not supported");
        Native(() => F.conv2d(ones(1, 2, 4, 4), ones(2, 1, 2, 2), groups: 3), "groups");
        Native(() => F.cross_entropy(Mat(2, 3), tensor(new long[] { 0, 1 }), label_smoothing: 2), "label_smoothing must be between 0.0 and 1.0");
        Native(() => Mat(2, 3).log_softmax(1, ScalarType.Int64), "softmax");
        Native(() => Mat(2, 3).expand(3), "the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)");
        Native(() => Mat(2, 3).repeat(2), "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
        Native(() => cat(Array.Empty<Tensor>()), "expected a non-empty list of Tensors");
        Native(() => F.binary_cross_entropy(full(3, 1.5), full(3, 0.5)), "all elements of input should be between 0 and 1");
        var threads = get_num_threads();
        Native(() => set_num_threads(0), "Expected positive number of threads");
        Native(() => set_num_threads(-2), "Expected positive number of threads");
        Assert.Equal(threads, get_num_threads());
    }

    [Fact]
    public void AutogradMisuse()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2 }, requires_grad: true);
        var y = (x * x).sum();
        y.backward();
        Native(() => y.backward(), "Trying to backward through the graph a second time");
        Native(() => (x * 2).backward(), "grad can be implicitly created only for scalar outputs");
        Native(() => tensor(new double[] { 1 }).sum().backward(), "element 0 of tensors does not require grad and does not have a grad_fn");
        Native(() => x.add_(1), "a leaf Variable that requires grad is being used in an in-place operation");
        Native(() => autograd.grad(new List<Tensor> { (x * 3).sum() }, new List<Tensor> { tensor(new double[] { 1 }, requires_grad: true) }),
            "One of the differentiated Tensors appears to not have been used in the graph");
        var z = x.exp();
        var w = z.sin();
        z.mul_(2);
        Native(() => w.sum().backward(), "one of the variables needed for gradient computation has been modified by an inplace operation");
        Native(() => (x * 2).backward(new List<Tensor> { tensor(new double[] { 1, 2, 3 }) }), "invalid gradient at index 0 - got [3] but expected shape compatible with [2]");
    }

    [Fact]
    public void UseAfterDisposeRaisesObjectDisposedException()
    {
        var t = tensor(new double[] { 1, 2, 3 });
        var other = tensor(new double[] { 1, 1, 1 });
        t.Dispose();
        Assert.True(t.IsInvalid);
        Assert.Throws<ObjectDisposedException>(() => t.sum());
        Assert.Throws<ObjectDisposedException>(() => t.shape);
        Assert.Throws<ObjectDisposedException>(() => t.dtype);
        Assert.Throws<ObjectDisposedException>(() => t.numel());
        Assert.Throws<ObjectDisposedException>(() => t.requires_grad);
        Assert.Throws<ObjectDisposedException>(() => t.grad);
        Assert.Throws<ObjectDisposedException>(() => t.item<double>());
        Assert.Throws<ObjectDisposedException>(() => t.data<double>());
        Assert.Throws<ObjectDisposedException>(() => t[0]);
        Assert.Throws<ObjectDisposedException>(() => t + other);
        Assert.Throws<ObjectDisposedException>(() => other + t);
        Assert.Throws<ObjectDisposedException>(() => other.add_(t));
        Assert.Throws<ObjectDisposedException>(() => cat(new[] { other, t }));
        Assert.Throws<ObjectDisposedException>(() => other[tensor(new long[] { 0 })] = t);
        Assert.Throws<ObjectDisposedException>(() => F.linear(other.reshape(1, 3), t.reshape(1, 3)));
        Assert.Equal("Disposed tensor", t.ToString());
        t.Dispose(); // a second Dispose is harmless
        Assert.Equal(3.0, other.sum().item<double>());

        // a disposed module's parameters are disposed with it
        var linear = Linear(2, 2);
        var weight = linear.weight;
        linear.Dispose();
        Assert.True(weight.IsInvalid);
        Assert.Throws<ObjectDisposedException>(() => weight.sum());

        // so is a generator
        var generator = new Generator(1);
        generator.Dispose();
        Assert.Throws<ObjectDisposedException>(() => rand(2, generator: generator));

        // nn.Parameter takes over its argument's handle
        var data = randn(2);
        var parameter = Parameter(data);
        Assert.True(data.IsInvalid);
        Assert.Throws<ObjectDisposedException>(() => data.sum());
        Assert.False(parameter.IsInvalid);
        parameter.Dispose();
    }

    [Fact]
    public void WrongElementTypesRaiseArgumentException()
    {
        using var scope = NewDisposeScope();
        var f = tensor(1.5f);
        var e = Assert.Throws<ArgumentException>(() => f.item<double>());
        Assert.Contains("Float32", e.Message);
        Assert.Throws<ArgumentException>(() => f.item<int>());
        Assert.Throws<ArgumentException>(() => tensor(new long[] { 1, 2 }).argmax().item<int>());
        Assert.Throws<ArgumentException>(() => tensor(new long[] { 1, 2 }).data<int>());
        Assert.Throws<ArgumentException>(() => tensor(new double[] { 1, 2 }).item<double>());
        Assert.Throws<ArgumentException>(() => tensor(new double[] { 1, 2 }, new long[] { 3 }));
    }

    [Fact]
    public void ModuleRegistrationErrors()
    {
        using var module = Sequential();
        using var linear = Linear(1, 1);
        Assert.Throws<ArgumentException>(() => module.register_module("", linear));
        Assert.Throws<ArgumentException>(() => module.register_module("a.b", linear));
        module.register_module("a", linear);
        Assert.Throws<InvalidOperationException>(() => module.register_module("a", Linear(1, 1)));
        Assert.Throws<ArgumentNullException>(() => module.register_parameter("p", null!));
        Assert.Throws<ArgumentNullException>(() => module.register_buffer("b", null!));
        using var relu = ReLU();
        Assert.Throws<InvalidOperationException>(() => relu.register_parameter("p", Parameter(zeros(1))));
        Assert.Throws<InvalidOperationException>(() => relu.register_buffer("b", zeros(1)));
        var mismatch = Assert.Throws<ArgumentException>(() =>
            linear.load_state_dict(new Dictionary<string, Tensor> { ["weight"] = zeros(2, 2), ["bias"] = zeros(1) }));
        Assert.Contains("weight", mismatch.Message);
        Assert.Throws<InvalidOperationException>(() => linear.load_state_dict(new Dictionary<string, Tensor> { ["weight"] = zeros(1, 1) }));
    }

    [Fact]
    public void TheBindingKeepsWorkingAfterErrors()
    {
        for (var i = 0; i < 20; i++)
        {
            Native(() => Mat(2, 3).matmul(Mat(4, 5)), "shapes cannot be multiplied");
            using var ok = Mat(2, 3).matmul(Mat(3, 1));
            Assert.Equal(new long[] { 2, 1 }, ok.shape);
            // an absent grad is not mistaken for an error left over from the failure above
            using var leaf = zeros(1, requires_grad: true);
            Assert.Null(leaf.grad);
        }
    }

    [Fact]
    public void ErrorsOnOtherThreadsStayOnTheirThread()
    {
        var messages = new string[4];
        var threads = Enumerable.Range(0, 4).Select(i => new Thread(() =>
        {
            for (var k = 0; k < 10; k++)
            {
                using var scope = NewDisposeScope();
                var e = Assert.Throws<ExternalException>(() => zeros(-(i + 1)));
                messages[i] = e.Message;
            }
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        for (var i = 0; i < 4; i++) Assert.Contains($"negative dimension {-(i + 1)}", messages[i]);
    }
    [Fact]
    public void CudaIsReportedConsistently()
    {
        Assert.Equal(cuda.is_available(), cuda.device_count() > 0);
        Assert.Equal(cuda.is_available(), cuda_is_available());
        if (!cuda.is_available())
        {
            Native(() => zeros(new long[] { 1 }, device: CUDA), "CUDA");
            Native(() => ones(2).to(CUDA), "CUDA");
        }
    }
}
