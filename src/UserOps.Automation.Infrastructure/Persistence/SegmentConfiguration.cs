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

internal sealed class SegmentMembershipConfiguration : IEntityTypeConfiguration<SegmentMembership>, IEntityTypeConfiguration<ClosedSegmentStay>
{
    public void Configure(EntityTypeBuilder<SegmentMembership> builder)
    {
        // Open stays only (ADR 0015): the key is the one-open-stay rule, even with two hosts refreshing at once, and
        // what every reader of members looks up by (a segment's members in contact order, a contact's stays per segment).
        builder.ToTable("SegmentMemberships");
        builder.HasKey(m => new { m.SegmentId, m.ContactId });

        // Members newest first (the console's member page) and entrants since an instant (segment-entered triggers).
        builder.HasIndex(m => new { m.SegmentId, m.EnteredAt });

        // A round's contacts' open stays, and erasure.
        builder.HasIndex(m => m.ContactId);

        // No foreign keys (ADR 0010): a refresh writes a stay per member, and on PostgreSQL each key was a per-row check
        // that locked the contact and the segment row (200k stays: 7.7 s with them, 2.4 s without). A segment's deletion
        // and a contact's erasure delete their stays themselves.
    }

    public void Configure(EntityTypeBuilder<ClosedSegmentStay> builder)
    {
        // Append-only history: written once when a stay closes, read by erasure (by contact) and by reports of a
        // contact's or a segment's past. Few indexes, so closing a stay costs one small insert.
        builder.ToTable("ClosedSegmentStays");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => m.ContactId);
    }
}
