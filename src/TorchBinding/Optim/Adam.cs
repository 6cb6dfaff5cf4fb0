using static TorchSharp.torch;

namespace TorchSharp.Modules;

// Adam as PyTorch 1.13 computes it (bias-corrected moments, L2 weight decay added to the gradient, optional
// AMSGrad and maximize), written over in-place tensor ops.
public class Adam : OptimizerHelper
{
    private double beta1;
    private double beta2;
    private double eps;
    private double weightDecay;
    private bool amsgrad;
    private bool maximize;
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

    private protected override void SaveOptions(BinaryWriter writer)
    {
        writer.Write(beta1);
        writer.Write(beta2);
        writer.Write(eps);
        writer.Write(weightDecay);
        writer.Write(amsgrad);
        writer.Write(maximize);
    }

    private protected override void LoadOptions(BinaryReader reader)
    {
        beta1 = reader.ReadDouble();
        beta2 = reader.ReadDouble();
        eps = reader.ReadDouble();
        weightDecay = reader.ReadDouble();
        amsgrad = reader.ReadBoolean();
        maximize = reader.ReadBoolean();
    }

    // A parameter that never had a gradient is saved with zero moments, as TorchSharp creates its state up front.
    private protected override void SaveState(BinaryWriter writer, Parameter parameter)
    {
        var state = StateOf(parameter);
        writer.Write(state.Step);
        TorchBinding.StateFile.WriteTensor(writer, state.ExpAvg);
        TorchBinding.StateFile.WriteTensor(writer, state.ExpAvgSq);
        writer.Write(state.MaxExpAvgSq is not null);
        if (state.MaxExpAvgSq is not null) TorchBinding.StateFile.WriteTensor(writer, state.MaxExpAvgSq);
    }

    private protected override void LoadState(BinaryReader reader, Parameter parameter)
    {
        var state = StateOf(parameter);
        state.Step = reader.ReadInt64();
        TorchBinding.StateFile.ReadTensorInto(reader, state.ExpAvg, "the first moment of an Adam state");
        TorchBinding.StateFile.ReadTensorInto(reader, state.ExpAvgSq, "the second moment of an Adam state");
        if (reader.ReadBoolean())
        {
            state.MaxExpAvgSq ??= zeros_like(parameter).DetachFromDisposeScope();
            TorchBinding.StateFile.ReadTensorInto(reader, state.MaxExpAvgSq, "the maximum second moment of an Adam state");
        }
        else
        {
            state.MaxExpAvgSq?.Dispose();
            state.MaxExpAvgSq = null;
        }
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
    private double momentum;
    private double dampening;
    private double weightDecay;
    private bool nesterov;
    private bool maximize;
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

    private protected override void SaveOptions(BinaryWriter writer)
    {
        writer.Write(momentum);
        writer.Write(dampening);
        writer.Write(weightDecay);
        writer.Write(nesterov);
        writer.Write(maximize);
    }

    private protected override void LoadOptions(BinaryReader reader)
    {
        momentum = reader.ReadDouble();
        dampening = reader.ReadDouble();
        weightDecay = reader.ReadDouble();
        nesterov = reader.ReadBoolean();
        maximize = reader.ReadBoolean();
    }

    private protected override void SaveState(BinaryWriter writer, Parameter parameter)
    {
        var hasBuffer = momentumBuffers.TryGetValue(parameter, out var buffer);
        writer.Write(hasBuffer);
        if (hasBuffer) TorchBinding.StateFile.WriteTensor(writer, buffer!);
    }

    private protected override void LoadState(BinaryReader reader, Parameter parameter)
    {
        if (reader.ReadBoolean())
        {
            if (!momentumBuffers.TryGetValue(parameter, out var buffer))
            {
                buffer = zeros_like(parameter).DetachFromDisposeScope();
                momentumBuffers[parameter] = buffer;
            }
            TorchBinding.StateFile.ReadTensorInto(reader, buffer, "an SGD momentum buffer");
        }
        else if (momentumBuffers.Remove(parameter, out var stale))
        {
            stale.Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        foreach (var buffer in momentumBuffers.Values) buffer.Dispose();
        momentumBuffers.Clear();
    }
}
