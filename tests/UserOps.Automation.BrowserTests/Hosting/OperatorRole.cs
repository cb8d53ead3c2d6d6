namespace UserOps.Automation.BrowserTests.Hosting;

/// <summary>The console's roles (issue 5): each includes the rights of the ones before it.</summary>
public enum OperatorRole
{
    Viewer,
    Editor,
    Publisher,
    Admin,
}
