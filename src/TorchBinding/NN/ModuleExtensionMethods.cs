namespace TorchSharp;

public static class ModuleExtensionMethods
{
    public static T to<T>(this T module, torch.Device device, bool non_blocking = false) where T : torch.nn.Module
    {
        module.MoveTo(null, device);
        return module;
    }

    public static T to<T>(this T module, torch.ScalarType type, bool non_blocking = false) where T : torch.nn.Module
    {
        module.MoveTo(type, null);
        return module;
    }

    public static T to<T>(this T module, string device, bool non_blocking = false) where T : torch.nn.Module =>
        module.to(new torch.Device(device), non_blocking);

    public static T to<T>(this T module, torch.Device device, torch.ScalarType type, bool non_blocking = false) where T : torch.nn.Module
    {
        module.MoveTo(type, device);
        return module;
    }

    public static T to<T>(this T module, DeviceType deviceType, int deviceIndex = -1, bool non_blocking = false) where T : torch.nn.Module =>
        module.to(new torch.Device(deviceType, deviceIndex), non_blocking);

    public static T to<T>(this T module, torch.Tensor other, bool non_blocking = false) where T : torch.nn.Module =>
        module.to(other.device, other.dtype, non_blocking);

    public static T cpu<T>(this T module, bool non_blocking = false) where T : torch.nn.Module => module.to(torch.CPU, non_blocking);

    public static T cuda<T>(this T module, int deviceIndex = -1, bool non_blocking = false) where T : torch.nn.Module =>
        module.to(new torch.Device(DeviceType.CUDA, deviceIndex), non_blocking);
}
