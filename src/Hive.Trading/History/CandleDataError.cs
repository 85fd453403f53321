namespace Hive.Trading.History;

/// <summary>
/// Builds the <see cref="InvalidDataException"/> a bad candle file fails with (the type is sealed, so the file and line
/// travel in the message and in <see cref="Exception.Data"/>). The message names the file, the 1-based line and what
/// is wrong, for example <c>NEARUSDT-1m-2026-02.csv line 17: column 'close' is 'abc', not a number</c>.
/// </summary>
public static class CandleDataError
{
    /// <summary>Key in <see cref="Exception.Data"/> of the file's name.</summary>
    public const string FileKey = "File";

    /// <summary>Key in <see cref="Exception.Data"/> of the 1-based line number (0 when the problem is the whole file).</summary>
    public const string LineKey = "Line";

    /// <summary>Creates the exception for <paramref name="fileName"/> at <paramref name="lineNumber"/> (0 when no line applies).</summary>
    public static InvalidDataException Create(string fileName, int lineNumber, string problem, Exception? innerException = null)
    {
        var message = lineNumber > 0 ? $"{fileName} line {lineNumber}: {problem}" : $"{fileName}: {problem}";
        var exception = new InvalidDataException(message, innerException);
        exception.Data[FileKey] = fileName;
        exception.Data[LineKey] = lineNumber;
        return exception;
    }

    /// <summary>The line number a candle-file exception carries, or <c>null</c> when it carries none.</summary>
    public static int? LineOf(InvalidDataException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Data[LineKey] as int?;
    }
}
