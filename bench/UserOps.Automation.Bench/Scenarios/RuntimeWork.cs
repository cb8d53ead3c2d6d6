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

    /// <summary>The runtime's work between <paramref name="before"/> and this snapshot.</summary>
    public RuntimeWork Minus(RuntimeWork before) => new(
        Allocated - before.Allocated, Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2,
        Jit - before.Jit, JittedMethods - before.JittedMethods, GcPause - before.GcPause);

    /// <summary>What happened since <paramref name="before"/>, per item of <paramref name="items"/> where it says so.</summary>
    public string Since(RuntimeWork before, int items)
    {
        var work = Minus(before);
        var perItem = items > 0 ? work.Allocated / (double)items : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"runtime: {work.Allocated / 1048576.0:N0} MB allocated ({perItem:N0} B per journey), GCs gen0/1/2 {work.Gen0}/{work.Gen1}/{work.Gen2} " +
            $"(paused {work.GcPause.TotalSeconds:N2} s), JIT {work.Jit.TotalSeconds:N2} s for {work.JittedMethods:N0} methods");
    }
}
