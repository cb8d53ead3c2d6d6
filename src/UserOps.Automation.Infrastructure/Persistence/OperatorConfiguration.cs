using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Audit;

namespace UserOps.Automation.Infrastructure.Persistence;

internal sealed class OperatorConfiguration : IEntityTypeConfiguration<Operator>, IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<Operator> builder)
    {
        builder.ToTable("Operators");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.UserName).HasMaxLength(100).IsRequired();
        builder.HasIndex(o => o.UserName).IsUnique();
        builder.Property(o => o.PasswordHash).HasMaxLength(200).IsRequired();
        builder.Property(o => o.SecurityStamp).HasMaxLength(64).IsRequired();
        builder.Property(o => o.Role).HasConversion<string>().HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Actor).HasMaxLength(100).IsRequired();
        builder.Property(e => e.ActorKind).HasMaxLength(20).IsRequired();
        builder.Property(e => e.EntityType).HasMaxLength(50).IsRequired();
        builder.Property(e => e.EntityId).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Action).HasMaxLength(50).IsRequired();
        builder.HasIndex(e => new { e.EntityType, e.EntityId, e.Id });
        builder.HasIndex(e => new { e.Actor, e.Id });
    }
}
