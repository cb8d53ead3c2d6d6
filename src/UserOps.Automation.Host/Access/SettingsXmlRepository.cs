using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Access;

/// <summary>Keeps ASP.NET Core's data protection keys (which seal session cookies) in the Settings table, shared by every host.</summary>
internal sealed class SettingsXmlRepository(IDbContextFactory<AutomationDb> dbFactory, TimeProvider time) : IXmlRepository
{
    private const string Prefix = "data-protection:";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = dbFactory.CreateDbContext();
        return db.Settings.AsNoTracking().Where(s => s.Key.StartsWith(Prefix)).OrderBy(s => s.Key)
            .Select(s => s.Value).AsEnumerable().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var db = dbFactory.CreateDbContext();
        db.Settings.Add(new StoredSetting
        {
            Key = Prefix + (string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName),
            Value = element.ToString(SaveOptions.DisableFormatting),
            UpdatedAt = time.GetUtcNow().UtcDateTime,
        });
        db.SaveChanges();
    }
}
