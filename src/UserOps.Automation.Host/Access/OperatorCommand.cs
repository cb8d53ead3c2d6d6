using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Access;

/// <summary>
/// <c>operators create|reset-password|list</c>: manage operators without the web host, e.g. when every admin is
/// locked out. Generated passwords are one-time and printed once.
/// </summary>
internal static class OperatorCommand
{
    [ModuleInitializer]
    internal static void Register() =>
        CommandLine.Register("operators", RunAsync,
            "create NAME [--role R] [--password P] | reset-password NAME | list: manage console operators (prints one-time passwords once)");

    internal static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLine.BuildConfiguration().GetSection(OperatorsOptions.SectionName).Get<OperatorsOptions>() ?? new OperatorsOptions();
        await using var db = CommandLine.CreateDb();
        await db.Database.MigrateToLatestAsync();
        return await RunAsync(args, db, options, Console.Out, Console.Error);
    }

    internal static async Task<int> RunAsync(string[] args, AutomationDb db, OperatorsOptions options, TextWriter output, TextWriter error)
    {
        var passwords = new OperatorPasswords(Options.Create(options));
        var audit = CommandLine.CliAudit(db);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        switch (args)
        {
            case ["create", var name, ..]:
                var role = AccessRole.Admin;
                if (CommandLine.Option(args, "--role") is { } roleName && !AccessRoles.TryParse(roleName, out role))
                {
                    await error.WriteLineAsync($"--role must be one of {string.Join(", ", AccessRoles.Names)}.");
                    return 2;
                }

                if (await db.Operators.AnyAsync(o => o.UserName == name))
                {
                    await error.WriteLineAsync($"operator '{name}' exists; use reset-password.");
                    return 1;
                }

                var given = CommandLine.Option(args, "--password");
                if (given is not null && passwords.Problem(given, name) is { } problem)
                {
                    await error.WriteLineAsync(problem);
                    return 2;
                }

                var op = new Operator(name, role, now);
                var password = given ?? OperatorPasswords.Generate();
                op.SetPassword(passwords.Hash(op, password), mustChange: given is null);
                db.Operators.Add(op);
                audit.Record(AuditEntities.Operator, name, AuditActions.Create, null, OperatorInfo.From(op));
                await db.SaveChangesAsync();
                await output.WriteLineAsync(given is null ? $"created {name} ({AccessRoles.Name(role)}); one-time password: {password}" : $"created {name} ({AccessRoles.Name(role)})");
                return 0;
            case ["reset-password", var name, ..]:
                var existing = await db.Operators.SingleOrDefaultAsync(o => o.UserName == name);
                if (existing is null)
                {
                    await error.WriteLineAsync($"there is no operator '{name}'.");
                    return 1;
                }

                var before = OperatorInfo.From(existing);
                var oneTime = OperatorPasswords.Generate();

                // Also unlocks and enables: this is the way back in when every admin is locked out.
                existing.SetPassword(passwords.Hash(existing, oneTime), mustChange: true);
                existing.Enable();
                audit.Record(AuditEntities.Operator, name, AuditActions.ResetPassword, before, OperatorInfo.From(existing));
                await db.SaveChangesAsync();
                await output.WriteLineAsync($"{name}: one-time password: {oneTime}");
                return 0;
            case ["list", ..]:
                foreach (var o in await db.Operators.OrderBy(o => o.UserName).ToListAsync())
                {
                    var state = o.Disabled ? "  disabled" : o.IsLockedOut(now) ? $"  locked until {o.LockedUntil:u}" : string.Empty;
                    await output.WriteLineAsync($"{o.UserName}  {AccessRoles.Name(o.Role)}  last sign-in {(o.LastSignInAt is { } at ? at.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "never")}{state}");
                }

                return 0;
            default:
                await error.WriteLineAsync("usage: operators create NAME [--role R] [--password P] | reset-password NAME | list");
                return 2;
        }
    }
}
