using System.Globalization;
using System.Runtime;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// The runtime's own work during a measurement — bytes allocated, collections, JIT time — so a product CPU figure can be
/// split into the product's code and what its allocations and first-time compilation cost.
/// </summary>
internal readonly record struct RuntimeWork(long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan Jit, long JittedMethods, TimeSpan GcPause)
{
    public static RuntimeWork Now() => new(
        GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        JitInfo.GetCompilationTime(), JitInfo.GetCompiledMethodCount(), GC.GetTotalPauseDuration());

    /// <summary>What happened since <paramref name="before"/>, per item of <paramref name="items"/> where it says so.</summary>
    public string Since(RuntimeWork before, int items)
    {
        var allocated = Allocated - before.Allocated;
        var perItem = items > 0 ? allocated / (double)items : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"runtime: {allocated / 1048576.0:N0} MB allocated ({perItem:N0} B per journey), GCs gen0/1/2 {Gen0 - before.Gen0}/{Gen1 - before.Gen1}/{Gen2 - before.Gen2} " +
            $"(paused {(GcPause - before.GcPause).TotalSeconds:N2} s), JIT {(Jit - before.Jit).TotalSeconds:N2} s for {JittedMethods - before.JittedMethods:N0} methods");
    }
}
