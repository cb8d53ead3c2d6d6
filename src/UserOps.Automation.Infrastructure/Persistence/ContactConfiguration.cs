using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Infrastructure.Persistence;

internal sealed class ContactConfiguration :
    IEntityTypeConfiguration<Contact>,
    IEntityTypeConfiguration<PushToken>,
    IEntityTypeConfiguration<ContactInterest>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("Contacts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ExternalId).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => c.ExternalId).IsUnique();
        builder.Property(c => c.Email).HasMaxLength(320);
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.FirstName).HasMaxLength(100);
        builder.Property(c => c.LastName).HasMaxLength(100);
        builder.Property(c => c.Locale).HasMaxLength(35);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.Country).HasMaxLength(2);
        builder.Property(c => c.City).HasMaxLength(100);
        builder.Property(c => c.Attributes).HasConversion(JsonObjectConversion.Converter, JsonObjectConversion.Comparer);
        builder.PrimitiveCollection(c => c.Tags);
        builder.ComplexProperty(c => c.Consent);
        builder.Property(c => c.Lifecycle).HasConversion<string>().HasMaxLength(16);

        // The inactivity and recency rules scan by these instants.
        builder.HasIndex(c => c.LastActiveAt);
        builder.HasIndex(c => c.LastPurchaseAt);

        builder.HasMany(c => c.PushTokens).WithOne().HasForeignKey(t => t.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.PushTokens).HasField("_pushTokens").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Interests).WithOne().HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Interests).HasField("_interests").UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public void Configure(EntityTypeBuilder<PushToken> builder)
    {
        builder.ToTable("PushTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Token).HasMaxLength(1000).IsRequired();
        builder.Property(t => t.Platform).HasMaxLength(16).IsRequired();
        builder.Property(t => t.Keys).HasMaxLength(1000);
        builder.HasIndex(t => t.ContactId);
    }

    public void Configure(EntityTypeBuilder<ContactInterest> builder)
    {
        builder.ToTable("ContactInterests");
        builder.HasKey(i => new { i.ContactId, i.Category });
        builder.Property(i => i.Category).HasMaxLength(100);
        builder.HasIndex(i => new { i.Category, i.LastSeenAt });
    }
}
