using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace UserOps.Automation.IntegrationTests.Access;

/// <summary>Cookie sign-in on the real host: the session, the same answer for every bad credential, lock-out on a fake clock, CSRF.</summary>
public sealed class SignInTests : IDisposable
{
    private readonly AccessApiFactory _host = new();

    [Fact]
    public async Task SignIn_WithTheRightPassword_SetsAnHttpOnlyStrictCookie_AndMeAnswers()
    {
        using var client = _host.CreateConsoleClient();

        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = AccessApiFactory.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(("admin", "admin", false), (body!["userName"]!.GetValue<string>(), body["role"]!.GetValue<string>(), body["mustChangePassword"]!.GetValue<bool>()));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await client.GetFromJsonAsync<JsonObject>("/api/auth/me");
        Assert.Equal("admin", me!["userName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/workflows")).StatusCode);
    }

    [Fact]
    public async Task SignIn_UnknownUserAndWrongPassword_GetTheSame401ProblemDetails()
    {
        using var client = _host.CreateConsoleClient();

        var unknown = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "nobody", password = "whatever-password" });
        var wrong = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = "whatever-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var (a, b) = (await unknown.Content.ReadFromJsonAsync<JsonObject>(), await wrong.Content.ReadFromJsonAsync<JsonObject>());
        Assert.Equal((a!["title"]!.GetValue<string>(), a["detail"]!.GetValue<string>()), (b!["title"]!.GetValue<string>(), b["detail"]!.GetValue<string>()));
        Assert.False(unknown.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task SignIn_LocksOut_AfterTooManyFailures_UntilTheLockoutHasPassed()
    {
        using var client = _host.CreateConsoleClient();
        HttpResponseMessage last = null!;
        for (var i = 0; i < AccessApiFactory.MaxFailedAttempts; i++)
        {
            last = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = "not-the-password" });
        }

        Assert.Equal((HttpStatusCode)423, last.StatusCode);
        var right = new { userName = "admin", password = AccessApiFactory.AdminPassword };
        var locked = await client.PostAsJsonAsync("/api/auth/sign-in", right);
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(10), locked.Headers.RetryAfter?.Delta);

        _host.Time.Advance(AccessApiFactory.Lockout - TimeSpan.FromSeconds(1));
        Assert.Equal((HttpStatusCode)423, (await client.PostAsJsonAsync("/api/auth/sign-in", right)).StatusCode);

        _host.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/sign-in", right)).StatusCode);
    }

    [Fact]
    public async Task SignIn_ForgetsEarlierFailures_AfterASuccess()
    {
        using var client = _host.CreateConsoleClient();
        var wrong = new { userName = "admin", password = "not-the-password" };
        var right = new { userName = "admin", password = AccessApiFactory.AdminPassword };
        for (var i = 0; i < AccessApiFactory.MaxFailedAttempts - 1; i++)
        {
            await client.PostAsJsonAsync("/api/auth/sign-in", wrong);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/sign-in", right)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/sign-in", wrong)).StatusCode);
    }

    [Fact]
    public async Task CookieWrite_WithoutTheAntiForgeryHeader_IsRefused_ButAnApiKeyWriteNeedsNone()
    {
        using var withHeader = await _host.SignedInAsync("admin", AccessApiFactory.AdminPassword);
        using var withoutHeader = _host.CreateConsoleClient(antiForgeryHeader: false);
        (await withoutHeader.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = AccessApiFactory.AdminPassword })).EnsureSuccessStatusCode();
        var segment = new { key = "csrf-check", name = "CSRF check", rule = "inactive-7d" };

        var refused = await withoutHeader.PostAsJsonAsync("/api/segments", segment);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("X-Requested-With", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await withoutHeader.GetAsync("/api/segments")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await withHeader.PostAsJsonAsync("/api/segments", segment)).StatusCode);
        using var key = _host.CreateKeyClient(AccessApiFactory.AdminKey);
        Assert.Equal(HttpStatusCode.Created, (await key.PostAsJsonAsync("/api/segments", segment with { key = "csrf-key" })).StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_AndSessionSaysSoWithout401()
    {
        using var client = await _host.SignedInAsync("admin", AccessApiFactory.AdminPassword);

        Assert.True((await client.GetFromJsonAsync<JsonObject>("/api/auth/session"))!["signedIn"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/sign-out", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
        var session = await client.GetAsync("/api/auth/session");
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.False((await session.Content.ReadFromJsonAsync<JsonObject>())!["signedIn"]!.GetValue<bool>());
    }

    [Fact]
    public async Task OneTimePassword_AllowsOnlyAPasswordChange_ThenTheNewPasswordWorks()
    {
        using var admin = _host.CreateKeyClient(AccessApiFactory.AdminKey);
        (await admin.PostAsJsonAsync("/api/operators", new { userName = "maria", password = "first-passphrase", role = "editor" })).EnsureSuccessStatusCode();
        var reset = await (await admin.PostAsync("/api/operators/maria/reset-password", null)).Content.ReadFromJsonAsync<JsonObject>();
        var oneTime = reset!["password"]!.GetValue<string>();
        using var client = _host.CreateConsoleClient();

        var signIn = await (await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "maria", password = oneTime })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(signIn!["mustChangePassword"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/workflows")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = oneTime, newPassword = "short" })).StatusCode);

        var changed = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = oneTime, newPassword = "a-new-long-passphrase" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.False((await changed.Content.ReadFromJsonAsync<JsonObject>())!["mustChangePassword"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/workflows")).StatusCode);
        using var again = _host.CreateConsoleClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.PostAsJsonAsync("/api/auth/sign-in", new { userName = "maria", password = oneTime })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.PostAsJsonAsync("/api/auth/sign-in", new { userName = "maria", password = "a-new-long-passphrase" })).StatusCode);
    }

    [Fact]
    public async Task DisablingAnOperator_EndsTheirSession_AndTheLastAdminCannotBeDisabled()
    {
        using var editor = await _host.OperatorAsync("eve", "editor");
        using var admin = _host.CreateKeyClient(AccessApiFactory.AdminKey);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/operators/eve", new { disabled = true })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await editor.GetAsync("/api/workflows")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync("/api/operators/admin", new { role = "viewer" })).StatusCode);
    }

    public void Dispose() => _host.Dispose();
}
