namespace UserOps.Automation.Host.Hosting;

/// <summary>
/// Finds a content folder such as <c>rules/</c>: an absolute setting is taken as is; a relative one is
/// looked for from the working directory upwards, so <c>dotnet run --project src/…</c> from the
/// repository root and a published host with the folders beside it both work.
/// </summary>
internal static class RepositoryPaths
{
    public static string Resolve(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return configured;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, configured);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.GetFullPath(configured);
    }
}
