using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UserOps.Automation.Infrastructure.Ingestion;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>The applier's queue: its primary key is its only index (taken in id order, deleted by id).</summary>
internal sealed class PendingEventConfiguration : IEntityTypeConfiguration<PendingEvent>
{
    public void Configure(EntityTypeBuilder<PendingEvent> builder)
    {
        builder.ToTable("PendingEvents");
        builder.HasKey(p => p.Id);
    }
}
