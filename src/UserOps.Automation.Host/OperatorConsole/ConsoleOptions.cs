namespace UserOps.Automation.Host.OperatorConsole;

/// <summary>Where the built operator console is served from.</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>The console's build output (<c>vite build</c>); looked for upwards from the working directory like <c>rules/</c>.</summary>
    public string Folder { get; set; } = "src/UserOps.Automation.Console/dist";
}
