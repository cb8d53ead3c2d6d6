namespace UserOps.Automation.UnitTests.Rules;

/// <summary>A throwaway rules folder for catalog tests: each file a test writes, deleted afterwards.</summary>
internal sealed class RuleFolder : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("userops-rules-");

    public RuleFolder(params (string File, string Json)[] files)
    {
        Path = System.IO.Path.Combine(_root.FullName, "rules");
        Directory.CreateDirectory(Path);
        foreach (var (file, json) in files)
        {
            File.WriteAllText(System.IO.Path.Combine(Path, file), json);
        }
    }

    public string Path { get; }

    public void Dispose() => _root.Delete(recursive: true);
}
