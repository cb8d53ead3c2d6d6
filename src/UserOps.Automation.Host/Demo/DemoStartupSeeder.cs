using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Demo;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Demo;

/// <summary>Seeds the demo on the first start only: when the store has no contact at all.</summary>
internal sealed class DemoStartupSeeder(AutomationDb db, DemoSeeder seeder, IOptions<DemoOptions> options) : IStartupSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed || options.Value.Contacts == 0 || await db.Contacts.AnyAsync(cancellationToken))
        {
            return;
        }

        await seeder.SeedAsync(options.Value.Contacts, cancellationToken);
    }
}
