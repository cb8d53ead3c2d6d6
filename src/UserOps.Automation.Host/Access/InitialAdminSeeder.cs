using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Access;

/// <summary>
/// On the first start (no operator at all) creates the admin: with the configured password, or with a random
/// one-time password shown once on the terminal — never in the log — that must be changed at the first sign-in.
/// There is no built-in default password.
/// </summary>
internal sealed class InitialAdminSeeder(
    AutomationDb db, OperatorPasswords passwords, AuditTrail audit, SecretConsole secrets, IOptions<OperatorsOptions> options, TimeProvider time,
    ILogger<InitialAdminSeeder> logger) : IStartupSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Operators.AnyAsync(cancellationToken))
        {
            return;
        }

        var initial = options.Value.InitialAdmin;
        var userName = string.IsNullOrWhiteSpace(initial.UserName) ? "admin" : initial.UserName.Trim();
        var configured = !string.IsNullOrEmpty(initial.Password);
        if (configured && passwords.Problem(initial.Password, userName) is { } problem)
        {
            throw new InvalidOperationException($"{OperatorsOptions.SectionName}:InitialAdmin:Password cannot be used: {problem}");
        }

        var password = configured ? initial.Password : OperatorPasswords.Generate();
        var admin = new Operator(userName, AccessRole.Admin, time.GetUtcNow().UtcDateTime);
        admin.SetPassword(passwords.Hash(admin, password), mustChange: !configured);
        db.Operators.Add(admin);
        audit.Record(AuditEntities.Operator, userName, AuditActions.Create, null, OperatorInfo.From(admin));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Operators.AnyAsync(cancellationToken))
            {
                // Another host of the cluster made the first admin at the same moment; its password is the one shown.
                return;
            }

            throw;
        }

        logger.LogInformation("Created the first admin operator {UserName} ({Source} password)", userName, configured ? "configured" : "one-time");
        if (!configured)
        {
            secrets.ShowOnce(
                $"First admin '{userName}', one-time password",
                password,
                "Sign in to the console with it and choose a new password. Lost it? Run: dotnet run --project src/UserOps.Automation.Host -- operators reset-password " + userName);
        }
    }
}
