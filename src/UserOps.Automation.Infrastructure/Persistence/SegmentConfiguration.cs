using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UserOps.Automation.Core.Segments;

namespace UserOps.Automation.Infrastructure.Persistence;

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>, IEntityTypeConfiguration<SegmentRefresh>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.ToTable("Segments");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Key).HasMaxLength(100).IsRequired();
        builder.HasIndex(s => s.Key).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(200).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.Property(s => s.Rule).HasMaxLength(200).IsRequired();
    }

    public void Configure(EntityTypeBuilder<SegmentRefresh> builder)
    {
        builder.ToTable("SegmentRefreshes");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.SegmentId, r.At });
        builder.HasOne<Segment>().WithMany().HasForeignKey(r => r.SegmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SegmentMembershipConfiguration(string leftAtIsNull) : IEntityTypeConfiguration<SegmentMembership>
{
    public void Configure(EntityTypeBuilder<SegmentMembership> builder)
    {
        builder.ToTable("SegmentMemberships");
        builder.HasKey(m => m.Id);

        // At most one open stay per contact and segment, even with two hosts refreshing at once.
        builder.HasIndex(m => new { m.SegmentId, m.ContactId }).IsUnique().HasFilter(leftAtIsNull).HasDatabaseName("IX_SegmentMemberships_Open");
        builder.HasIndex(m => new { m.SegmentId, m.EnteredAt });
        builder.HasIndex(m => m.ContactId);

        // No foreign keys (ADR 0010): a refresh writes a stay per member, and on PostgreSQL each key was a per-row check
        // that locked the contact and the segment row (200k stays: 7.7 s with them, 2.4 s without). A segment's deletion
        // and a contact's erasure delete their stays themselves.
    }
}
