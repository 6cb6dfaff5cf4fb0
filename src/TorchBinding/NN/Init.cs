namespace TorchSharp;

public enum PaddingModes
{
    Zeros = 0,
    Reflect = 1,
    Replicate = 2,
    Circular = 3,
    Constant = 4,
}

public enum Padding
{
    Valid = 0,
    Same = 1,
}

public static partial class torch
{
    public static partial class nn
    {
        // Initialisers fill a tensor in place without recording the fill in the autograd graph.
        public static class init
        {
            public enum FanInOut
            {
                FanIn = 0,
                FanOut = 1,
            }

            public enum NonlinearityType
            {
                Linear = 0,
                Conv1D = 1,
                Conv2D = 2,
                Conv3D = 3,
                ConvTranspose1D = 4,
                ConvTranspose2D = 5,
                ConvTranspose3D = 6,
                Sigmoid = 7,
                Tanh = 8,
                ReLU = 9,
                LeakyReLU = 10,
            }

            public static double calculate_gain(NonlinearityType nonlinearity, double param = 0.0) => nonlinearity switch
            {
                NonlinearityType.Tanh => 5.0 / 3.0,
                NonlinearityType.ReLU => Math.Sqrt(2.0),
                NonlinearityType.LeakyReLU => Math.Sqrt(2.0 / (1 + param * param)),
                _ => 1.0,
            };

            public static (long fanIn, long fanOut) CalculateFanInAndFanOut(Tensor tensor)
            {
                var shape = tensor.shape;
                if (shape.Length < 2)
                    throw new ArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
                long receptiveField = 1;
                for (var i = 2; i < shape.Length; i++) receptiveField *= shape[i];
                return (shape[1] * receptiveField, shape[0] * receptiveField);
            }

            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
            {
                using (no_grad()) return tensor.normal_(mean, std, generator);
            }

            public static Tensor uniform_(Tensor tensor, double low = 0, double high = 1, Generator? generator = null)
            {
                using (no_grad()) return tensor.uniform_(low, high, generator);
            }

            public static Tensor zeros_(Tensor tensor)
            {
                using (no_grad()) return tensor.zero_();
            }

            public static Tensor ones_(Tensor tensor)
            {
                using (no_grad()) return tensor.fill_(1);
            }

            public static Tensor constant_(Tensor tensor, Scalar val)
            {
                using (no_grad()) return tensor.fill_(val);
            }

            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, FanInOut mode = FanInOut.FanIn,
                NonlinearityType nonlinearity = NonlinearityType.LeakyReLU)
            {
                var bound = Math.Sqrt(3.0) * KaimingStd(tensor, a, mode, nonlinearity);
                return uniform_(tensor, -bound, bound);
            }

            public static Tensor kaiming_normal_(Tensor tensor, double a = 0, FanInOut mode = FanInOut.FanIn,
                NonlinearityType nonlinearity = NonlinearityType.LeakyReLU) =>
                normal_(tensor, 0, KaimingStd(tensor, a, mode, nonlinearity));

            private static double KaimingStd(Tensor tensor, double a, FanInOut mode, NonlinearityType nonlinearity)
            {
                var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
                var fan = mode == FanInOut.FanIn ? fanIn : fanOut;
                return calculate_gain(nonlinearity, a) / Math.Sqrt(fan);
            }

            public static Tensor xavier_uniform_(Tensor tensor, double gain = 1.0)
            {
                var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
                var bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
                return uniform_(tensor, -bound, bound);
            }

            public static Tensor xavier_normal_(Tensor tensor, double gain = 1.0)
            {
                var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
                return normal_(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)));
            }

            public static Tensor glorot_uniform_(Tensor tensor, double gain = 1.0) => xavier_uniform_(tensor, gain);

            public static Tensor glorot_normal_(Tensor tensor, double gain = 1.0) => xavier_normal_(tensor, gain);
        }
    }
}
