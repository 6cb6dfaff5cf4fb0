namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        public enum Reduction : long
        {
            None = 0,
            Mean = 1,
            Sum = 2,
        }
    }
}
