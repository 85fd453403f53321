using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hive.Postgres;

/// <summary>One schema migration shipped in this assembly: <c>Migrations/NNNN_name.sql</c>.</summary>
/// <param name="Version">The number the file name starts with; migrations apply in this order.</param>
/// <param name="Name">The file name without <c>.sql</c>.</param>
/// <param name="Sql">The script, run in the migrator's transaction.</param>
/// <param name="Checksum">SHA-256 of the script: an applied migration whose file later changed is refused.</param>
internal sealed record PostgresMigration(int Version, string Name, string Sql, string Checksum)
{
    private const string Prefix = "Hive.Postgres.Migrations.";

    /// <summary>The migrations embedded in this assembly, by version.</summary>
    public static IReadOnlyList<PostgresMigration> All { get; } = Load();

    private static PostgresMigration[] Load()
    {
        var assembly = typeof(PostgresMigration).Assembly;
        var migrations = new List<PostgresMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..^".sql".Length];
            var digits = name.IndexOf('_', StringComparison.Ordinal);
            if (digits <= 0 || !int.TryParse(name.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration resource '{resource}': the name must be NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd();
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            migrations.Add(new PostgresMigration(version, name, sql, checksum));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Migrations {string.Join(" and ", duplicate.Select(m => m.Name))} share version {duplicate.Key}.");
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }
}
