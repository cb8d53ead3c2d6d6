namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>When an ingestion call answers.</summary>
public enum IngestionDurability
{
    /// <summary>Once the items are stored; facts, stays and journeys follow within the applier's lag.</summary>
    Accepted,

    /// <summary>Once the items' facts, stays and journeys are applied too (read-your-writes).</summary>
    Applied,
}
