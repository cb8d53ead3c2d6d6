using Microsoft.Extensions.FileProviders;
using UserOps.Automation.Host.Hosting;

namespace UserOps.Automation.Host.OperatorConsole;

/// <summary>
/// Serves the operator console at <c>/</c>. It is static files only and talks to the host through the same
/// public API as any script, with the same credentials; a host whose console is not built says so at <c>/</c>.
/// </summary>
internal static class ConsoleEndpoints
{
    public static void UseOperatorConsole(this WebApplication app)
    {
        var configured = app.Configuration.GetSection(ConsoleOptions.SectionName).Get<ConsoleOptions>() ?? new ConsoleOptions();
        var folder = RepositoryPaths.Resolve(configured.Folder, app.Environment.ContentRootPath);
        if (!File.Exists(Path.Combine(folder, "index.html")))
        {
            app.MapGet("/", () => TypedResults.Text(
                "The operator console is not built. Build the host with Node.js available (it runs npm), or see src/UserOps.Automation.Console/README.md. The API is at /api-reference.",
                "text/plain")).ExcludeFromDescription();
            return;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }
}
