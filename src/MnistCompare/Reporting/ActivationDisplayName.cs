using CustomActivations;

namespace MnistCompare.Reporting;

// The name a figure shows for an activation as the run recorded it ("leaky-relu:0.2" → "Leaky ReLU (0.2)"); a name
// this build does not know (a merged run from a newer one) is shown as recorded.
public static class ActivationDisplayName
{
    public static string Of(string activation)
    {
        try
        {
            return ActivationRegistry.Parse(activation).DisplayName;
        }
        catch (ArgumentException)
        {
            return activation;
        }
    }
}
