using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Infrastructure.Persistence;

internal sealed class ShippedWorkflowFileConfiguration : IEntityTypeConfiguration<ShippedWorkflowFile>
{
    public void Configure(EntityTypeBuilder<ShippedWorkflowFile> builder)
    {
        // No foreign key to WorkflowVersions: the row must survive the workflow's deletion.
        builder.ToTable("ShippedWorkflowFiles");
        builder.HasKey(f => f.DefinitionId);
        builder.Property(f => f.DefinitionId).HasMaxLength(100);
        builder.Property(f => f.ContentHash).HasMaxLength(64).IsRequired();
    }
}
