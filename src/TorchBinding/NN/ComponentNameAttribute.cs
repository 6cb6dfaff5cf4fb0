namespace TorchSharp.Utils;

// Overrides the name under which RegisterComponents registers a field.
[AttributeUsage(AttributeTargets.Field)]
public sealed class ComponentNameAttribute : Attribute
{
    public string? Name { get; set; }
}
