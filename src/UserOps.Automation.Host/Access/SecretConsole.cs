namespace UserOps.Automation.Host.Access;

/// <summary>
/// Where secrets shown once go: the terminal (standard output), never the log. Tests give their own writer to
/// read what was shown.
/// </summary>
internal sealed class SecretConsole(TextWriter? writer = null)
{
    public void ShowOnce(string what, string secret, string hint)
    {
        var output = writer ?? Console.Out;
        lock (output)
        {
            output.WriteLine();
            output.WriteLine($"  {what} (shown once, store it now): {secret}");
            output.WriteLine($"  {hint}");
            output.WriteLine();
            output.Flush();
        }
    }
}
