using static TorchSharp.torch;

namespace TorchSharp.Modules;

// Adam as PyTorch 1.13 computes it (bias-corrected moments, L2 weight decay added to the gradient, optional
// AMSGrad and maximize), written over in-place tensor ops.
public class Adam : OptimizerHelper
{
    private readonly double beta1;
    private readonly double beta2;
    private readonly double eps;
    private readonly double weightDecay;
    private readonly bool amsgrad;
    private readonly bool maximize;
    private readonly Dictionary<Parameter, State> states = new(ReferenceEqualityComparer.Instance);

    public Adam(IEnumerable<Parameter> parameters, double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-08,
        double weight_decay = 0, bool amsgrad = false, bool maximize = false)
    {
        if (lr < 0) throw new ArgumentException($"Invalid learning rate: {lr}");
        if (beta1 is < 0 or >= 1) throw new ArgumentException($"Invalid beta1: {beta1}");
        if (beta2 is < 0 or >= 1) throw new ArgumentException($"Invalid beta2: {beta2}");
        if (eps < 0) throw new ArgumentException($"Invalid epsilon: {eps}");
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        weightDecay = weight_decay;
        this.amsgrad = amsgrad;
        this.maximize = maximize;
        groups.Add(new ParamGroup(parameters, lr));
    }

    internal sealed class State : IDisposable
    {
        internal long Step;
        internal required Tensor ExpAvg;
        internal required Tensor ExpAvgSq;
        internal Tensor? MaxExpAvgSq;

        public void Dispose()
        {
            ExpAvg.Dispose();
            ExpAvgSq.Dispose();
            MaxExpAvgSq?.Dispose();
        }
    }

    internal IReadOnlyDictionary<Parameter, State> States => states;

    public override Tensor step(Func<Tensor>? closure = null) => RunStep(closure, (group, p, grad) =>
    {
        var state = StateOf(p);
        state.Step++;
        if (maximize) grad = grad.neg();
        if (weightDecay != 0) grad = grad.add(p, weightDecay);
        state.ExpAvg.mul_(beta1).add_(grad, 1 - beta1);
        state.ExpAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
        var biasCorrection1 = 1 - Math.Pow(beta1, state.Step);
        var biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(beta2, state.Step));
        Tensor secondMoment = state.ExpAvgSq;
        if (amsgrad)
        {
            state.MaxExpAvgSq!.copy_(state.MaxExpAvgSq.maximum(state.ExpAvgSq));
            secondMoment = state.MaxExpAvgSq;
        }
        var denominator = secondMoment.sqrt().div_(biasCorrection2Sqrt).add_(eps);
        p.addcdiv_(state.ExpAvg, denominator, -group.LearningRate / biasCorrection1);
    });

    private State StateOf(Parameter p)
    {
        if (states.TryGetValue(p, out var state)) return state;
        state = new State
        {
            ExpAvg = zeros_like(p).DetachFromDisposeScope(),
            ExpAvgSq = zeros_like(p).DetachFromDisposeScope(),
            MaxExpAvgSq = amsgrad ? zeros_like(p).DetachFromDisposeScope() : null,
        };
        states[p] = state;
        return state;
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        foreach (var state in states.Values) state.Dispose();
        states.Clear();
    }
}

// Stochastic gradient descent with momentum, dampening, Nesterov and weight decay, as in PyTorch.
public class SGD : OptimizerHelper
{
    private readonly double momentum;
    private readonly double dampening;
    private readonly double weightDecay;
    private readonly bool nesterov;
    private readonly bool maximize;
    private readonly Dictionary<Parameter, Tensor> momentumBuffers = new(ReferenceEqualityComparer.Instance);

    public SGD(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0,
        bool nesterov = false, bool maximize = false)
    {
        if (learningRate < 0) throw new ArgumentException($"Invalid learning rate: {learningRate}");
        if (nesterov && (momentum <= 0 || dampening != 0)) throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
        this.momentum = momentum;
        this.dampening = dampening;
        weightDecay = weight_decay;
        this.nesterov = nesterov;
        this.maximize = maximize;
        groups.Add(new ParamGroup(parameters, learningRate));
    }

    public override Tensor step(Func<Tensor>? closure = null) => RunStep(closure, (group, p, grad) =>
    {
        if (weightDecay != 0) grad = grad.add(p, weightDecay);
        if (momentum != 0)
        {
            if (!momentumBuffers.TryGetValue(p, out var buffer))
            {
                buffer = grad.clone().DetachFromDisposeScope();
                momentumBuffers[p] = buffer;
            }
            else
            {
                buffer.mul_(momentum).add_(grad, 1 - dampening);
            }
            grad = nesterov ? grad.add(buffer, momentum) : buffer;
        }
        p.add_(grad, maximize ? group.LearningRate : -group.LearningRate);
    });

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        foreach (var buffer in momentumBuffers.Values) buffer.Dispose();
        momentumBuffers.Clear();
    }
}
