using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UserOps.Automation.Core.Outbox;

namespace UserOps.Automation.Infrastructure.Persistence;

internal sealed class DispatchConfiguration : IEntityTypeConfiguration<MessageAttempt>, IEntityTypeConfiguration<SuppressionEntry>
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        var configuration = new DispatchConfiguration();
        modelBuilder.ApplyConfiguration<MessageAttempt>(configuration);
        modelBuilder.ApplyConfiguration<SuppressionEntry>(configuration);
    }

    public void Configure(EntityTypeBuilder<MessageAttempt> builder)
    {
        builder.ToTable("MessageAttempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Outcome).HasMaxLength(20).IsRequired();
        builder.Property(a => a.ProviderMessageId).HasMaxLength(200);
        builder.Property(a => a.ErrorCode).HasMaxLength(50);
        builder.Property(a => a.ErrorMessage).HasMaxLength(1000);
        builder.HasIndex(a => new { a.OutboxMessageId, a.Number });
        builder.HasOne<OutboxMessage>().WithMany().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SuppressionEntry> builder)
    {
        builder.ToTable("Suppressions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(s => s.Address).HasMaxLength(320).IsRequired();
        builder.Property(s => s.Reason).HasMaxLength(500).IsRequired();
        builder.Property(s => s.Source).HasMaxLength(100).IsRequired();
        builder.HasIndex(s => new { s.Channel, s.Address }).IsUnique();
    }
}
