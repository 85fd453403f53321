using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Hive.Dashboard.Pages;

/// <summary>
/// The pages, scripts and styles compiled into the assembly (the browser bundle is built by esbuild before the
/// compiler runs), so a published single binary serves them with nothing beside it.
/// </summary>
internal sealed class EmbeddedAssets
{
    private const string Prefix = "Hive.Dashboard.assets.";
    private readonly ConcurrentDictionary<string, Asset?> _assets = new(StringComparer.Ordinal);

    /// <summary>The asset <paramref name="name"/> (e.g. <c>app.js</c>), or <c>null</c> when there is none.</summary>
    public Asset? Find(string name) => _assets.GetOrAdd(name, static n =>
    {
        using var stream = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(Prefix + n);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return new Asset(bytes, $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"", ContentType(n));
    });

    /// <summary>The text of a page template.</summary>
    public string Text(string name) =>
        System.Text.Encoding.UTF8.GetString(Find(name)?.Bytes ?? throw new InvalidOperationException($"The dashboard assembly lacks its asset '{name}': rebuild Hive.Dashboard."));

    /// <summary>Serves <paramref name="name"/> with its ETag (a revalidation costs a 304); 404 when there is none.</summary>
    public IResult Serve(string name, HttpContext context)
    {
        if (Find(name) is not { } asset)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        ".map" => "application/json",
        _ => "application/octet-stream",
    };

    /// <summary>One embedded file.</summary>
    internal sealed record Asset(byte[] Bytes, string ETag, string ContentType);
}
