using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UserOps.Automation.Core.Events;

namespace UserOps.Automation.Infrastructure.Persistence;

internal sealed class ContactEventConfiguration : IEntityTypeConfiguration<ContactEvent>
{
    public void Configure(EntityTypeBuilder<ContactEvent> builder)
    {
        builder.ToTable("Events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Name).HasMaxLength(200).IsRequired();
        builder.Property(e => e.MessageId).HasMaxLength(200);
        builder.Property(e => e.Currency).HasMaxLength(3);
        builder.Property(e => e.Category).HasMaxLength(100);
        builder.Property(e => e.Properties).HasConversion(JsonObjectConversion.Converter, JsonObjectConversion.Comparer);

        // A repeated delivery of the same message is recognised by this index.
        builder.HasIndex(e => e.MessageId).IsUnique();
        builder.HasIndex(e => new { e.ContactId, e.Name, e.Timestamp });

        // No foreign key to the contact (ADR 0018): its check was a locking lookup of the contact row per inserted event,
        // more than the insert itself. Erasure deletes a contact's events; the applier deletes any that arrive after it.
    }
}
