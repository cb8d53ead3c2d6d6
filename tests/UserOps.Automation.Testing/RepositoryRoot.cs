namespace UserOps.Automation.Testing;

/// <summary>The repository's root folder (the one holding UserOps.Automation.sln), found upwards from the test binaries.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>A path under the root, e.g. <c>RepositoryRoot.Combine("rules")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "UserOps.Automation.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"UserOps.Automation.sln not found above {AppContext.BaseDirectory}");
    }
}
