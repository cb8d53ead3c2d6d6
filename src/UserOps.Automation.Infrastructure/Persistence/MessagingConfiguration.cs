using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Messaging.Channels;

namespace UserOps.Automation.Infrastructure.Persistence;

internal sealed class MessagingConfiguration :
    IEntityTypeConfiguration<MessageTemplate>,
    IEntityTypeConfiguration<TemplateVersion>,
    IEntityTypeConfiguration<CapturedMessage>
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        var configuration = new MessagingConfiguration();
        modelBuilder.ApplyConfiguration<MessageTemplate>(configuration);
        modelBuilder.ApplyConfiguration<TemplateVersion>(configuration);
        modelBuilder.ApplyConfiguration<CapturedMessage>(configuration);
    }

    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("MessageTemplates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Key).HasMaxLength(100).IsRequired();
        builder.Property(t => t.Locale).HasMaxLength(35).IsRequired();
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(t => new { t.Key, t.Locale }).IsUnique();
        builder.ComplexProperty(t => t.Content, Content);
    }

    public void Configure(EntityTypeBuilder<TemplateVersion> builder)
    {
        builder.ToTable("MessageTemplateVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Key).HasMaxLength(100).IsRequired();
        builder.Property(v => v.Locale).HasMaxLength(35).IsRequired();
        builder.Property(v => v.Channel).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(v => new { v.TemplateId, v.Version }).IsUnique();

        // Versions outlive their template: a sent message still points at the copy it used.
        builder.HasOne<MessageTemplate>().WithMany().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.SetNull).IsRequired(false);
        builder.ComplexProperty(v => v.Content, Content);
    }

    public void Configure(EntityTypeBuilder<CapturedMessage> builder)
    {
        builder.ToTable("CapturedMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Recipient).HasMaxLength(2048).IsRequired();
        builder.Property(m => m.TemplateKey).HasMaxLength(100).IsRequired();
        builder.Property(m => m.Locale).HasMaxLength(35).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(1000);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(100).IsRequired();
        builder.HasIndex(m => m.CapturedAt);
    }

    private static void Content(ComplexPropertyBuilder<TemplateContent> content)
    {
        content.Property(c => c.Subject).HasMaxLength(1000);
        content.Property(c => c.FromName).HasMaxLength(200);
        content.Property(c => c.PushTitle).HasMaxLength(500);
        content.Property(c => c.DeepLink).HasMaxLength(2000);
    }
}
