namespace TorchSharp;

public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
    MKLDNN = 2,
    OPENGL = 3,
    OPENCL = 4,
    IDEEP = 5,
    HIP = 6,
    FPGA = 7,
    MSNPU = 8,
    XLA = 9,
    MPS = 13,
    META = 14,
}

public static partial class torch
{
    public class Device
    {
        public Device(string description)
        {
            var parts = description.Split(':');
            if (parts.Length > 2 || !Enum.TryParse(parts[0], ignoreCase: true, out DeviceType parsed) ||
                !Enum.IsDefined(parsed))
            {
                throw new ArgumentException($"Invalid device string: '{description}'", nameof(description));
            }
            type = parsed;
            index = -1;
            if (parts.Length == 2)
            {
                if (!int.TryParse(parts[1], out var parsedIndex) || parsedIndex < 0)
                    throw new ArgumentException($"Invalid device index in '{description}'", nameof(description));
                index = parsedIndex;
            }
        }

        public Device(string deviceType, int index = -1) : this(deviceType)
        {
            this.index = index;
        }

        public Device(DeviceType deviceType, int index = -1)
        {
            type = deviceType;
            this.index = index;
        }

        public Device(int index) : this(DeviceType.CUDA, index)
        {
        }

        public DeviceType type { get; }

        public int index { get; }

        public override string ToString()
        {
            var name = type.ToString().ToLowerInvariant();
            return index == -1 ? name : $"{name}:{index}";
        }

        public static implicit operator Device(string description) => new(description);
    }

    public static readonly Device CPU = new(DeviceType.CPU, -1);

    public static Device CUDA => new(DeviceType.CUDA, -1);

    public static Device device(string description) => new(description);

    public static Device device(string deviceType, int index = -1) => new(deviceType, index);

    public static Device device(DeviceType deviceType, int index = -1) => new(deviceType, index);

    public static Device device(int index) => new(index);
}
