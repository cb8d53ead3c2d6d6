using UserOps.Automation.Host.Hosting;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

var app = AutomationHost.Build(args);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to integration tests (<c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;
