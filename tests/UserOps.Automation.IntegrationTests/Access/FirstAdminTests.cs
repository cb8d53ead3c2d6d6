using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace UserOps.Automation.IntegrationTests.Access;

/// <summary>The first start makes an admin: a configured password, or a one-time password shown once on the terminal and never logged.</summary>
public sealed partial class FirstAdminTests
{
    [Fact]
    public async Task FirstStart_PrintsAOneTimePasswordOnce_NeverToTheLog_AndItMustBeChanged()
    {
        var file = Path.Combine(Path.GetTempPath(), $"userops-first-admin-{Guid.NewGuid():N}.db");
        try
        {
            string password;
            using (var first = new AccessApiFactory(adminPassword: null, file))
            {
                using var client = first.CreateConsoleClient();
                var shown = OneTimePassword().Matches(first.Terminal.ToString());
                password = Assert.Single(shown).Groups[1].Value;
                Assert.Equal(20, password.Length);
                Assert.DoesNotContain(first.Log, line => line.Contains(password, StringComparison.Ordinal));
                Assert.Contains(first.Log, line => line.Contains("first admin operator admin", StringComparison.Ordinal));

                var signIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password });
                Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
                Assert.True((await signIn.Content.ReadFromJsonAsync<JsonObject>())!["mustChangePassword"]!.GetValue<bool>());
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/operators")).StatusCode);
            }

            using var second = new AccessApiFactory(adminPassword: null, file);
            using var again = second.CreateConsoleClient();
            Assert.Equal(HttpStatusCode.OK, (await again.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password })).StatusCode);
            Assert.Empty(OneTimePassword().Matches(second.Terminal.ToString()));
        }
        finally
        {
            AccessApiFactory.DeleteDatabase(file);
        }
    }

    [Fact]
    public async Task FirstStart_WithAConfiguredPassword_ShowsNothing_AndNeedsNoChange()
    {
        using var host = new AccessApiFactory();
        using var client = host.CreateConsoleClient();

        var signIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = AccessApiFactory.AdminPassword });

        Assert.False((await signIn.Content.ReadFromJsonAsync<JsonObject>())!["mustChangePassword"]!.GetValue<bool>());
        Assert.Equal(string.Empty, host.Terminal.ToString());
        Assert.DoesNotContain(host.Log, line => line.Contains(AccessApiFactory.AdminPassword, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"one-time password \(shown once, store it now\): (\S+)")]
    private static partial Regex OneTimePassword();
}
