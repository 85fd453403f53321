namespace Hive.Dashboard.Live;

/// <summary>Computes a live view's JSON once (<c>null</c>: nothing to send this time).</summary>
internal delegate Task<string?> LiveCompute(CancellationToken cancellationToken);
