using System.Buffers.Text;
using System.Security.Cryptography;

namespace Hive.Commands.Api;

/// <summary>
/// How a running <c>hive run</c> tells local control commands where its API is: it writes the API's address to
/// <c>&lt;data-dir&gt;/api-endpoint</c> (removed when it stops) and its token to <c>&lt;data-dir&gt;/api-token</c>
/// (readable by its owner only).
/// </summary>
internal static class LocalApi
{
    public const string EndpointFileName = "api-endpoint";
    public const string TokenFileName = "api-token";

    public static string EndpointFile(string dataDirectory) => Path.Combine(dataDirectory, EndpointFileName);

    public static string TokenFile(string dataDirectory) => Path.Combine(dataDirectory, TokenFileName);

    /// <summary>A fresh random token (256 bits, URL-safe base64).</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Writes <paramref name="contents"/> to a file only its owner can read and write (0600), replacing any older one.</summary>
    public static void WriteOwnerOnly(string path, string contents)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(contents);
    }
}
