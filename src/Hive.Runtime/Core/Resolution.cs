using Hive.Runtime.Cluster;

namespace Hive.Runtime.Core;

/// <summary>Where a request goes: a local activation, or a remote silo (told to activate the grain when <see cref="PlaceThere"/>).</summary>
internal readonly record struct Resolution(ActivationData? Activation, SiloAddress? Silo, bool PlaceThere);
