using Hive.Runtime.Cluster;

namespace Hive.Runtime.Testing;

/// <summary>Name, role and tags of one test silo.</summary>
public sealed record TestSiloOptions(string Name, string Role = SiloRoles.Control, params string[] Tags);
