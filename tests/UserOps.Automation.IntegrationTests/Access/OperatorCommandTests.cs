using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using UserOps.Automation.Host.Access;

namespace UserOps.Automation.IntegrationTests.Access;

/// <summary>The <c>operators</c> command: the way back in when every admin is locked out, and creating operators without the console.</summary>
public sealed partial class OperatorCommandTests : IDisposable
{
    private readonly AccessApiFactory _host = new();

    [Fact]
    public async Task ResetPassword_LetsALockedOutAdminBackIn_WithAOneTimePassword()
    {
        using var client = _host.CreateConsoleClient();
        for (var i = 0; i < AccessApiFactory.MaxFailedAttempts; i++)
        {
            await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = "not-the-password" });
        }

        Assert.Equal((HttpStatusCode)423, (await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = AccessApiFactory.AdminPassword })).StatusCode);
        var output = new StringWriter();
        await using (var db = _host.CreateDb())
        {
            Assert.Equal(0, await OperatorCommand.RunAsync(["reset-password", "admin"], db, new OperatorsOptions(), output, TextWriter.Null));
        }

        var oneTime = Printed().Match(output.ToString()).Groups[1].Value;
        var signIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = oneTime });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.True((await signIn.Content.ReadFromJsonAsync<JsonObject>())!["mustChangePassword"]!.GetValue<bool>());
        using var key = _host.CreateKeyClient(AccessApiFactory.AdminKey);
        var audit = (await key.GetFromJsonAsync<JsonArray>("/api/audit?entityType=operator&entityId=admin"))!;
        Assert.Equal(("reset-password", "command-line"), (audit[0]!["action"]!.GetValue<string>(), audit[0]!["actor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_WithoutAPassword_PrintsAOneTimePassword_ForTheGivenRole()
    {
        var output = new StringWriter();
        await using (var db = _host.CreateDb())
        {
            Assert.Equal(0, await OperatorCommand.RunAsync(["create", "night-shift", "--role", "publisher"], db, new OperatorsOptions(), output, TextWriter.Null));
            Assert.Equal(2, await OperatorCommand.RunAsync(["create", "x", "--role", "root"], db, new OperatorsOptions(), TextWriter.Null, TextWriter.Null));
        }

        using var client = _host.CreateConsoleClient();
        var signIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "night-shift", password = Printed().Match(output.ToString()).Groups[1].Value });

        var session = (await signIn.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("publisher", true), (session["role"]!.GetValue<string>(), session["mustChangePassword"]!.GetValue<bool>()));
    }

    public void Dispose() => _host.Dispose();

    [GeneratedRegex(@"one-time password: (\S+)")]
    private static partial Regex Printed();
}
