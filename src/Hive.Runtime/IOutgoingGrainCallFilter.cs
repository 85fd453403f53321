namespace Hive.Runtime;

/// <summary>Intercepts calls made through grain references of the silo. Call <c>context.Invoke()</c> to proceed.</summary>
public interface IOutgoingGrainCallFilter
{
    /// <summary>Handles one call.</summary>
    Task Invoke(IOutgoingGrainCallContext context);
}
