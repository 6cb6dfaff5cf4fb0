using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchBinding.Tests;

// Shape ops, indexing with TensorIndex / ranges / index tensors, index_put, and joining and splitting.
public class ShapeAndIndexingTests
{
    // 0, 1, ..., n-1 as float64 in the given shape
    private static Tensor Iota(params long[] shape) => arange(0, shape.Aggregate(1L, (a, b) => a * b), dtype: ScalarType.Float64).reshape(shape);

    [Fact]
    public void ReshapeViewFlattenAndSqueeze()
    {
        using var scope = NewDisposeScope();
        var t = Iota(2, 3, 4);
        Assert.Equal(new long[] { 2, 3, 4 }, t.shape);
        Assert.Equal(3L, t.dim());
        Assert.Equal(3L, t.ndim);
        Assert.Equal(24L, t.numel());
        Assert.Equal(3L, t.size(1));
        Assert.Equal(4L, t.size(-1));
        Assert.Equal(new long[] { 6, 4 }, t.reshape(6, 4).shape);
        Assert.Equal(new long[] { 6, 4 }, t.reshape(-1, 4).shape);
        Assert.Equal(new long[] { 6, 4 }, reshape(t, 6, -1).shape);
        Assert.Equal(new long[] { 4, 6 }, t.view(4, 6).shape);
        Assert.Equal(new long[] { 3, 8 }, t.view_as(zeros(3, 8)).shape);
        Assert.Equal(new long[] { 24 }, t.flatten().shape);
        Assert.Equal(new long[] { 2, 12 }, t.flatten(1).shape);
        Assert.Equal(new long[] { 6, 4 }, t.flatten(0, 1).shape);
        Assert.Equal(new long[] { 24 }, flatten(t).shape);
        Assert.Equal(new long[] { 2, 3, 2, 2 }, t.unflatten(2, 2, 2).shape);
        Assert.Equal(Values.Of(t), Values.Of(t.reshape(6, 4)));

        var u = t.unsqueeze(0);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, u.shape);
        Assert.Equal(new long[] { 2, 3, 4, 1 }, t.unsqueeze(-1).shape);
        Assert.Equal(new long[] { 2, 1, 3, 4 }, unsqueeze(t, 1).shape);
        Assert.Equal(new long[] { 2, 3, 4 }, u.squeeze().shape);
        Assert.Equal(new long[] { 2, 3, 4 }, u.squeeze(0).shape);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, u.squeeze(1).shape);
        Assert.Equal(new long[] { 3 }, squeeze(zeros(1, 3, 1)).shape);
    }

    [Fact]
    public void PermuteTransposeAndExpand()
    {
        using var scope = NewDisposeScope();
        var m = Iota(2, 3); // [[0,1,2],[3,4,5]]
        var expectedT = new double[] { 0, 3, 1, 4, 2, 5 };
        Assert.Equal(new long[] { 3, 2 }, m.t().shape);
        Assert.Equal(expectedT, Values.Of(m.t()));
        Assert.Equal(expectedT, Values.Of(m.T));
        Assert.Equal(expectedT, Values.Of(m.transpose(0, 1)));
        Assert.Equal(expectedT, Values.Of(m.permute(1, 0)));
        Assert.False(m.t().is_contiguous());
        Assert.True(m.t().contiguous().is_contiguous());
        Assert.Equal(expectedT, Values.Of(m.t().contiguous()));

        var c = Iota(2, 3, 4);
        var p = c.permute(2, 0, 1);
        Assert.Equal(new long[] { 4, 2, 3 }, p.shape);
        Assert.Equal(c[1, 2, 3].item<double>(), p[3, 1, 2].item<double>());
        Assert.Equal(new long[] { 4, 3, 2 }, c.T.shape);
        Assert.Equal(c[1, 2, 3].item<double>(), c.T[3, 2, 1].item<double>());

        var row = tensor(new double[] { 1, 2, 3 });
        var expanded = row.expand(2, 3);
        Assert.Equal(new long[] { 2, 3 }, expanded.shape);
        Assert.Equal(new double[] { 1, 2, 3, 1, 2, 3 }, Values.Of(expanded));
        Assert.Equal(new double[] { 1, 2, 3, 1, 2, 3 }, Values.Of(row.expand(2, -1)));
        Assert.Equal(new double[] { 1, 2, 3, 1, 2, 3 }, Values.Of(row.expand_as(m)));
        Assert.Equal(new double[] { 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3 }, Values.Of(row.repeat(2, 2)));
        Assert.Equal(new long[] { 2, 6 }, row.repeat(2, 2).shape);
    }

    [Fact]
    public void SelectNarrowGatherIndexSelect()
    {
        using var scope = NewDisposeScope();
        var m = Iota(3, 4); // rows [0..3], [4..7], [8..11]
        Assert.Equal(new double[] { 4, 5, 6, 7 }, Values.Of(m.select(0, 1)));
        Assert.Equal(new double[] { 2, 6, 10 }, Values.Of(m.select(1, 2)));
        Assert.Equal(new double[] { 3, 7, 11 }, Values.Of(m.select(1, -1)));
        Assert.Equal(new double[] { 1, 2, 5, 6, 9, 10 }, Values.Of(m.narrow(1, 1, 2)));
        Assert.Equal(new long[] { 3, 2 }, m.narrow(1, 1, 2).shape);
        var index = tensor(new long[] { 2, 0 });
        Assert.Equal(new double[] { 8, 9, 10, 11, 0, 1, 2, 3 }, Values.Of(m.index_select(0, index)));
        Assert.Equal(new double[] { 2, 0, 6, 4, 10, 8 }, Values.Of(m.index_select(1, index)));
        var gatherIndex = tensor(new long[] { 3, 0, 1, 1, 2, 0 }, new long[] { 3, 2 });
        Assert.Equal(new double[] { 3, 0, 5, 5, 10, 8 }, Values.Of(m.gather(1, gatherIndex)));

        var labels = tensor(new long[] { 0, 2, 1 });
        var oneHot = F.one_hot(labels, 3);
        Assert.Equal(ScalarType.Int64, oneHot.dtype);
        Assert.Equal(new long[] { 1, 0, 0, 0, 0, 1, 0, 1, 0 }, Values.LongsOf(oneHot));
        Assert.Equal(new long[] { 3, 4 }, F.one_hot(labels, 4).shape);
        Assert.Equal(new long[] { 3, 3 }, F.one_hot(labels).shape);
    }

    [Fact]
    public void IndexingWithIntegersSlicesRangesAndSpecialIndices()
    {
        using var scope = NewDisposeScope();
        var m = Iota(3, 4);
        Assert.Equal(new double[] { 4, 5, 6, 7 }, Values.Of(m[1]));
        Assert.Equal(new long[] { 4 }, m[1].shape);
        Assert.Equal(6.0, m[1, 2].item<double>());
        Assert.Equal(0, m[1, 2].dim());
        Assert.Equal(11.0, m[-1, -1].item<double>());
        Assert.Equal(11.0, m[new long[] { 2, 3 }].item<double>());

        var t = Iota(2, 3, 4);
        Assert.Equal(23.0, t[1, 2, 3].item<double>());

        // slices
        Assert.Equal(new double[] { 4, 5, 6, 7, 8, 9, 10, 11 }, Values.Of(m[TensorIndex.Slice(1, 3)]));
        Assert.Equal(new double[] { 1, 3, 5, 7, 9, 11 }, Values.Of(m[TensorIndex.Colon, TensorIndex.Slice(1, null, 2)]));
        Assert.Equal(new double[] { 0, 2, 8, 10 }, Values.Of(m[TensorIndex.Slice(null, null, 2), TensorIndex.Slice(0, 4, 2)]));
        Assert.Equal(new double[] { 8, 9, 10, 11 }, Values.Of(m[TensorIndex.Slice(-1)]));
        Assert.Equal(new double[] { 2, 6, 10 }, Values.Of(m[TensorIndex.Colon, TensorIndex.Single(2)]));
        Assert.Equal(new long[] { 3 }, m[TensorIndex.Colon, TensorIndex.Single(2)].shape);
        Assert.Equal(new double[] { 3, 7, 11 }, Values.Of(m[TensorIndex.Ellipsis, -1]));
        Assert.Equal(new double[] { 3, 7, 11, 15, 19, 23 }, Values.Of(t[TensorIndex.Ellipsis, 3]));
        Assert.Equal(new long[] { 2, 3 }, t[TensorIndex.Ellipsis, 3].shape);
        Assert.Equal(new long[] { 1, 3, 4 }, m[TensorIndex.None].shape);
        Assert.Equal(new long[] { 3, 1, 4 }, m[TensorIndex.Colon, TensorIndex.None].shape);
        Assert.Equal(new long[] { 1, 3, 4 }, m[TensorIndex.Bool(true)].shape);
        Assert.Equal(new long[] { 0, 3, 4 }, m[TensorIndex.Bool(false)].shape);

        // System.Range and System.Index
        Assert.Equal(new double[] { 4, 5, 6, 7, 8, 9, 10, 11 }, Values.Of(m[1..3]));
        Assert.Equal(new double[] { 4, 5, 6, 7, 8, 9, 10, 11 }, Values.Of(m[1..]));
        Assert.Equal(new double[] { 0, 1, 2, 3, 4, 5, 6, 7 }, Values.Of(m[..^1]));
        Assert.Equal(new double[] { 8, 9, 10, 11 }, Values.Of(m[^1]));
        Assert.Equal(new double[] { 1, 2, 5, 6, 9, 10 }, Values.Of(m[.., 1..3]));
        Assert.Equal(new double[] { 2, 3, 6, 7, 10, 11 }, Values.Of(m[.., ^2..]));
        Assert.Equal(new double[] { 6, 7 }, Values.Of(m[1, 2..]));
        Assert.Equal(Values.Of(m), Values.Of(m[..]));

        // index tensors: integer lists and masks
        var rows = tensor(new long[] { 2, 0, 2 });
        Assert.Equal(new double[] { 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11 }, Values.Of(m[rows]));
        Assert.Equal(new long[] { 3, 4 }, m[rows].shape);
        var cols = tensor(new long[] { 1, 3, 0 });
        Assert.Equal(new double[] { 9, 3, 8 }, Values.Of(m[rows, cols]));
        Assert.Equal(new double[] { 9, 3, 8 }, Values.Of(m[TensorIndex.Tensor(rows), TensorIndex.Tensor(cols)]));
        Assert.Equal(new double[] { 1, 3, 5, 7, 9, 11 }, Values.Of(m[TensorIndex.Colon, TensorIndex.Tensor(tensor(new long[] { 1, 3 }))]));
        var mask = m.remainder(5) == 0;
        Assert.Equal(new double[] { 0, 5, 10 }, Values.Of(m[mask]));
        var rowMask = tensor(new[] { true, false, true });
        Assert.Equal(new double[] { 0, 1, 2, 3, 8, 9, 10, 11 }, Values.Of(m[rowMask]));
        Assert.Equal(new double[] { 4, 5, 6, 7 }, Values.Of(m.index(TensorIndex.Single(1))));

        // results of basic indexing are views: writing through them changes the source
        var view = m[1];
        view.fill_(-1);
        Assert.Equal(new double[] { -1, -1, -1, -1 }, Values.Of(m[1]));
    }

    [Fact]
    public void IndexPut()
    {
        using var scope = NewDisposeScope();
        var m = zeros(3, 4, dtype: ScalarType.Float64);
        m[1] = tensor(new double[] { 1, 2, 3, 4 });
        m[0, 0] = tensor(9.0);
        m[2, 3] = tensor(7.0);
        Assert.Equal(new double[] { 9, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 7 }, Values.Of(m));

        // broadcasting a scalar tensor and a row over a slice
        m[TensorIndex.Slice(0, 2), TensorIndex.Slice(2)] = tensor(5.0);
        Assert.Equal(new double[] { 9, 0, 5, 5, 1, 2, 5, 5, 0, 0, 0, 7 }, Values.Of(m));
        m[2..] = tensor(new double[] { -1, -2, -3, -4 });
        Assert.Equal(new double[] { -1, -2, -3, -4 }, Values.Of(m[2]));
        m[.., 0] = tensor(new double[] { 10, 20, 30 });
        Assert.Equal(new double[] { 10, 20, 30 }, Values.Of(m[.., 0]));

        // a scalar value
        var s = zeros(2, 3, dtype: ScalarType.Float64);
        Assert.Same(s, s.index_put_(3.5, TensorIndex.Single(1)));
        Assert.Equal(new double[] { 0, 0, 0, 3.5, 3.5, 3.5 }, Values.Of(s));
        s.index_put_(tensor(new double[] { 1, 2 }), TensorIndex.Colon, TensorIndex.Single(0));
        Assert.Equal(new double[] { 1, 0, 0, 2, 3.5, 3.5 }, Values.Of(s));

        // index tensors and masks
        var v = zeros(5, dtype: ScalarType.Float64);
        v[tensor(new long[] { 0, 3 })] = tensor(new double[] { 6, 8 });
        Assert.Equal(new double[] { 6, 0, 0, 8, 0 }, Values.Of(v));
        v[v == 0] = tensor(-1.0);
        Assert.Equal(new double[] { 6, -1, -1, 8, -1 }, Values.Of(v));
        v.index_put_(0.5, TensorIndex.Tensor(v < 0));
        Assert.Equal(new double[] { 6, 0.5, 0.5, 8, 0.5 }, Values.Of(v));
        var w = zeros(2, 2, dtype: ScalarType.Float64);
        w[tensor(new long[] { 0, 1 }), tensor(new long[] { 1, 0 })] = tensor(new double[] { 3, 4 });
        Assert.Equal(new double[] { 0, 3, 4, 0 }, Values.Of(w));
    }

    [Fact]
    public void CatStackChunkAndSplit()
    {
        using var scope = NewDisposeScope();
        var a = Iota(2, 2);
        var b = Iota(2, 2) + 10;
        var rows = cat(new[] { a, b });
        Assert.Equal(new long[] { 4, 2 }, rows.shape);
        Assert.Equal(new double[] { 0, 1, 2, 3, 10, 11, 12, 13 }, Values.Of(rows));
        var columns = cat(new List<Tensor> { a, b }, 1);
        Assert.Equal(new long[] { 2, 4 }, columns.shape);
        Assert.Equal(new double[] { 0, 1, 10, 11, 2, 3, 12, 13 }, Values.Of(columns));
        Assert.Equal(new double[] { 0, 1, 10, 11, 2, 3, 12, 13 }, Values.Of(cat(new ReadOnlySpan<Tensor>(new[] { a, b }), -1)));
        var stacked = stack(new[] { a, b });
        Assert.Equal(new long[] { 2, 2, 2 }, stacked.shape);
        Assert.Equal(new double[] { 0, 1, 2, 3, 10, 11, 12, 13 }, Values.Of(stacked));
        var stackedLast = stack(new[] { a, b }, 2);
        Assert.Equal(new long[] { 2, 2, 2 }, stackedLast.shape);
        Assert.Equal(new double[] { 0, 10, 1, 11, 2, 12, 3, 13 }, Values.Of(stackedLast));
        Assert.Equal(new long[] { 2, 2, 2 }, stack(new List<Tensor> { a, b }.Select(t => t), 1).shape);

        var v = Iota(7);
        var chunks = v.chunk(3);
        Assert.Equal(3, chunks.Length);
        Assert.Equal(new double[] { 0, 1, 2 }, Values.Of(chunks[0]));
        Assert.Equal(new double[] { 3, 4, 5 }, Values.Of(chunks[1]));
        Assert.Equal(new double[] { 6 }, Values.Of(chunks[2]));
        // more chunks than elements gives one chunk per element
        Assert.Equal(7, v.chunk(10).Length);
        // an empty dimension gives as many empty chunks as asked for, and one empty split
        var empty = zeros(0, 3);
        var emptyChunks = empty.chunk(4);
        Assert.Equal(4, emptyChunks.Length);
        Assert.All(emptyChunks, c => Assert.Equal(new long[] { 0, 3 }, c.shape));
        Assert.Single(empty.split(2));
        Assert.Single(empty.split(0));
        Assert.Equal(3, zeros(2, 3).chunk(3, -1).Length);
        var m = Iota(2, 6);
        var columnChunks = m.chunk(2, 1);
        Assert.Equal(2, columnChunks.Length);
        Assert.Equal(new double[] { 0, 1, 2, 6, 7, 8 }, Values.Of(columnChunks[0]));

        var pieces = v.split(3);
        Assert.Equal(3, pieces.Length);
        Assert.Equal(new long[] { 3 }, pieces[1].shape);
        Assert.Equal(new double[] { 6 }, Values.Of(pieces[2]));
        var uneven = v.split(new long[] { 1, 4, 2 });
        Assert.Equal(new[] { 1L, 4, 2 }, uneven.Select(p => p.shape[0]));
        Assert.Equal(new double[] { 1, 2, 3, 4 }, Values.Of(uneven[1]));
        var columnPieces = m.split(4, 1);
        Assert.Equal(2, columnPieces.Length);
        Assert.Equal(new long[] { 2, 2 }, columnPieces[1].shape);
        Assert.Equal(new double[] { 4, 5, 10, 11 }, Values.Of(columnPieces[1]));
    }
}
