using static TorchSharp.torch;

namespace TorchSharp
{
    public abstract class Loss<T1, T2, TResult> : nn.Module<T1, T2, TResult>
    {
        protected Loss(nn.Reduction reduction = nn.Reduction.Mean) : base(nameof(Loss<T1, T2, TResult>)) => this.reduction = reduction;

        public nn.Reduction reduction { get; }
    }

    public abstract class WeightedLoss<T1, T2, TResult> : Loss<T1, T2, TResult>
    {
        protected WeightedLoss(Tensor? weight = null, nn.Reduction reduction = nn.Reduction.Mean) : base(reduction) => this.weight = weight;

        public Tensor? weight { get; }
    }
}

namespace TorchSharp.Modules
{
    public sealed class NLLLoss : WeightedLoss<Tensor, Tensor, Tensor>
    {
        public NLLLoss(Tensor? weight = null, nn.Reduction reduction = nn.Reduction.Mean) : base(weight, reduction)
        {
        }

        public override Tensor forward(Tensor input, Tensor target) => nn.functional.nll_loss(input, target, weight, reduction);
    }

    public sealed class CrossEntropyLoss : WeightedLoss<Tensor, Tensor, Tensor>
    {
        public CrossEntropyLoss(Tensor? weight = null, long? ignore_index = null, nn.Reduction reduction = nn.Reduction.Mean,
            double label_smoothing = 0.0) : base(weight, reduction)
        {
            this.ignore_index = ignore_index;
            this.label_smoothing = label_smoothing;
        }

        public long? ignore_index { get; }

        public double label_smoothing { get; }

        public override Tensor forward(Tensor input, Tensor target) =>
            nn.functional.cross_entropy(input, target, weight, ignore_index ?? -100, reduction, label_smoothing);
    }

    public sealed class MSELoss : Loss<Tensor, Tensor, Tensor>
    {
        public MSELoss(nn.Reduction reduction = nn.Reduction.Mean) : base(reduction)
        {
        }

        public override Tensor forward(Tensor input, Tensor target) => nn.functional.mse_loss(input, target, reduction);
    }

    public sealed class BCELoss : WeightedLoss<Tensor, Tensor, Tensor>
    {
        public BCELoss(Tensor? weight = null, nn.Reduction reduction = nn.Reduction.Mean) : base(weight, reduction)
        {
        }

        public override Tensor forward(Tensor input, Tensor target) => nn.functional.binary_cross_entropy(input, target, weight, reduction);
    }

    public sealed class BCEWithLogitsLoss : WeightedLoss<Tensor, Tensor, Tensor>
    {
        public BCEWithLogitsLoss(Tensor? weight = null, nn.Reduction reduction = nn.Reduction.Mean, Tensor? pos_weights = null)
            : base(weight, reduction) => this.pos_weights = pos_weights;

        public Tensor? pos_weights { get; }

        public override Tensor forward(Tensor input, Tensor target) =>
            nn.functional.binary_cross_entropy_with_logits(input, target, weight, reduction, pos_weights);
    }
}
