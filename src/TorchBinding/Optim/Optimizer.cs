using TorchSharp.Modules;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class optim
        {
            public abstract class Optimizer : IDisposable
            {
                // TorchSharp's only constructor takes a native handle; ours is not part of the API.
                private protected Optimizer()
                {
                }

                public virtual Tensor step(Func<Tensor>? closure = null) => throw new NotImplementedException();

                public virtual void zero_grad()
                {
                }

                public virtual IEnumerable<Parameter> parameters() => Enumerable.Empty<Parameter>();

                public virtual void add_param_group(ParamGroup param_group) => throw new NotImplementedException();

                public virtual IEnumerable<ILearningRateController> ParamGroups => Enumerable.Empty<ILearningRateController>();

                public void Dispose()
                {
                    Dispose(true);
                    GC.SuppressFinalize(this);
                }

                protected virtual void Dispose(bool disposing)
                {
                }
            }

            public interface ILearningRateController
            {
                double LearningRate { get; set; }

                double InitialLearningRate { get; set; }
            }

            public static Adam Adam(IEnumerable<Parameter> parameters, double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-08,
                double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
                new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

            public static Adam Adam(IEnumerable<(string name, Parameter parameter)> parameters, double lr = 0.001, double beta1 = 0.9,
                double beta2 = 0.999, double eps = 1e-08, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
                new(parameters.Select(p => p.parameter), lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

            public static SGD SGD(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0,
                double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
                new(parameters, learningRate, momentum, dampening, weight_decay, nesterov, maximize);
        }
    }
}

namespace TorchSharp.Modules
{
    public class ParamGroup : torch.optim.ILearningRateController
    {
        // TorchSharp's ParamGroup carries an OptimizerOptions object instead; this constructor is the binding's own.
        internal ParamGroup(IEnumerable<Parameter> parameters, double lr)
        {
            Parameters = parameters.ToList();
            LearningRate = lr;
            InitialLearningRate = lr;
        }

        public IEnumerable<Parameter> Parameters { get; set; }

        public double LearningRate { get; set; }

        public double InitialLearningRate { get; set; }
    }

    // Shared by Adam and SGD: the parameter groups, zeroing grads and per-parameter state.
    public abstract class OptimizerHelper : torch.optim.Optimizer
    {
        private protected readonly List<ParamGroup> groups = new();

        public override IEnumerable<torch.optim.ILearningRateController> ParamGroups => groups;

        public override IEnumerable<Parameter> parameters() => groups.SelectMany(g => g.Parameters);

        public override void add_param_group(ParamGroup param_group) => groups.Add(param_group);

        // Grads are zeroed in place, as TorchSharp's optimizers do.
        public override void zero_grad()
        {
            foreach (var p in parameters())
            {
                using var g = p.grad;
                if (g is null) continue;
                g.detach_();
                g.zero_();
            }
        }

        // Runs the update for every parameter that has a gradient, without recording it in the graph.
        private protected torch.Tensor RunStep(Func<torch.Tensor>? closure, Action<ParamGroup, Parameter, torch.Tensor> update)
        {
            torch.Tensor? loss = null;
            if (closure is not null)
            {
                using (torch.enable_grad()) loss = closure();
            }
            using (torch.no_grad())
            using (var scope = torch.NewDisposeScope())
            {
                foreach (var group in groups)
                {
                    foreach (var p in group.Parameters)
                    {
                        var grad = p.grad;
                        if (grad is null) continue;
                        update(group, p, grad);
                        scope.DisposeEverything();
                    }
                }
            }
            return loss!;
        }

        // TorchSharp's optimizer state format: the optimizer's type name, LEB128 counts of parameter groups and
        // parameters, each group's rates and options, then each parameter's state.
        public void save_state_dict(string location)
        {
            using var stream = File.Create(location);
            using var writer = new BinaryWriter(stream);
            save_state_dict(writer);
        }

        public void save_state_dict(BinaryWriter writer)
        {
            var all = parameters().ToList();
            writer.Write(GetType().Name);
            TorchBinding.StateFile.Encode(writer, groups.Count);
            TorchBinding.StateFile.Encode(writer, all.Count);
            foreach (var group in groups)
            {
                writer.Write(group.InitialLearningRate);
                writer.Write(group.LearningRate);
                SaveOptions(writer);
            }
            foreach (var p in all) SaveState(writer, p);
            writer.Flush();
        }

        public void load_state_dict(string location)
        {
            using var stream = File.OpenRead(location);
            using var reader = new BinaryReader(stream);
            load_state_dict(reader);
        }

        public void load_state_dict(BinaryReader reader)
        {
            var name = reader.ReadString();
            if (name != GetType().Name)
                throw new InvalidDataException($"Mismatched optimizer type: expected '{GetType().Name}', but found '{name}' in the loaded stream.");
            var all = parameters().ToList();
            if (TorchBinding.StateFile.Decode(reader) != groups.Count)
                throw new ArgumentException("Invalid optimizer state -- different number of parameter groups.");
            if (TorchBinding.StateFile.Decode(reader) != all.Count) throw new ArgumentException("Invalid optimizer state -- different number of states.");
            foreach (var group in groups)
            {
                group.InitialLearningRate = reader.ReadDouble();
                group.LearningRate = reader.ReadDouble();
                LoadOptions(reader);
            }
            using (torch.no_grad())
            {
                foreach (var p in all) LoadState(reader, p);
            }
        }

        private protected abstract void SaveOptions(BinaryWriter writer);

        private protected abstract void LoadOptions(BinaryReader reader);

        private protected abstract void SaveState(BinaryWriter writer, Parameter parameter);

        private protected abstract void LoadState(BinaryReader reader, Parameter parameter);
    }
}
