namespace Hive.Runtime;

/// <summary>Intercepts calls arriving at activations of the silo (on the activation's turn). Call <c>context.Invoke()</c> to proceed.</summary>
public interface IIncomingGrainCallFilter
{
    /// <summary>Handles one call.</summary>
    Task Invoke(IIncomingGrainCallContext context);
}
