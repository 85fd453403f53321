namespace Hive.Grains.Tests.Platform;

/// <summary>Lua strategies the tests write into a temporary folder.</summary>
public sealed class Scripts : IDisposable
{
    // Idle → opportunity; Analyzing → enter long 1 unit; in position → exit after `hold` bars.
    private const string CycleSource = """
        local hold = params.hold or 2
        function detect_opportunity(m, context, indicators) return { reason = "cycle" } end
        function filter_commitment(m, context, indicators)
          context.held = 0
          return { action = "enter_long", quantity = 1 }
        end
        function manage_position(m, context, indicators)
          context.held = (context.held or 0) + 1
          if context.held >= hold then return { action = "exit", reason = "held" } end
          return nil
        end
        """;

    // Counts bars in the context and fails from the third one on.
    private const string FailingSource = """
        function detect_opportunity(m, context, indicators)
          context.seen = (context.seen or 0) + 1
          if context.seen >= 3 then error("boom on bar " .. context.seen) end
          return nil
        end
        function filter_commitment(m, context, indicators) return nil end
        function manage_position(m, context, indicators) return nil end
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("hive-grains-tests-").FullName;

    public Scripts()
    {
        Cycle = Write("cycle.lua", CycleSource);
        Failing = Write("failing.lua", FailingSource);
    }

    /// <summary>Enters one unit and exits after <c>hold</c> bars (parameter, default 2), forever.</summary>
    public string Cycle { get; }

    /// <summary>Throws from the third bar on.</summary>
    public string Failing { get; }

    public string Folder => _folder;

    public string Write(string name, string source)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, source);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
