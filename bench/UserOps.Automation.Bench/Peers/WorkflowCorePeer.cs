using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace UserOps.Automation.Bench.Peers;

/// <summary>
/// The peer: WorkflowCore 3.22 (in memory: no persistence package is served) running the blast's shape — one step
/// issues a coupon into a list, the next appends an outbox record — one workflow instance per contact.
/// </summary>
internal static class WorkflowCorePeer
{
    public static async Task<(int Completed, TimeSpan Elapsed)> RunAsync(int contacts, TimeSpan budget)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow();
        services.AddSingleton<PeerSink>();
        services.AddTransient<IssueCouponStep>();
        services.AddTransient<AppendOutboxStep>();
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<BlastWorkflow, BlastData>();
        var sink = provider.GetRequiredService<PeerSink>();
        Exception? failure = null;
        host.OnStepError += (_, _, e) => failure ??= e;
        host.Start();
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= contacts; i++)
        {
            await host.StartWorkflow("bench-blast", 1, new BlastData { ContactId = i });
        }

        // The last step's record is the end of a workflow: wait for all of them (or the budget).
        while (sink.Outbox.Count < contacts && clock.Elapsed < budget && failure is null)
        {
            await Task.Delay(5);
        }

        var elapsed = clock.Elapsed;
        var completed = sink.Outbox.Count;
        if (failure is not null)
        {
            throw new InvalidOperationException("a WorkflowCore step failed", failure);
        }

        host.Stop();
        if (sink.Coupons.Count < completed)
        {
            throw new InvalidOperationException("WorkflowCore appended outbox records without their coupons");
        }

        return (completed, elapsed);
    }

    internal sealed class BlastData
    {
        public long ContactId { get; set; }
        public string? CouponCode { get; set; }
    }

    internal sealed class PeerSink
    {
        public ConcurrentQueue<(long ContactId, string Code)> Coupons { get; } = new();
        public ConcurrentQueue<(string IdempotencyKey, long ContactId, string Template, string Coupon)> Outbox { get; } = new();
    }

    internal sealed class BlastWorkflow : IWorkflow<BlastData>
    {
        public string Id => "bench-blast";
        public int Version => 1;

        public void Build(IWorkflowBuilder<BlastData> builder) => builder.StartWith<IssueCouponStep>().Then<AppendOutboxStep>();
    }

    internal sealed class IssueCouponStep(PeerSink sink) : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context)
        {
            var data = (BlastData)context.Workflow.Data;
            data.CouponCode = $"B{data.ContactId:X8}";
            sink.Coupons.Enqueue((data.ContactId, data.CouponCode));
            return ExecutionResult.Next();
        }
    }

    internal sealed class AppendOutboxStep(PeerSink sink) : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context)
        {
            var data = (BlastData)context.Workflow.Data;
            sink.Outbox.Enqueue(($"{context.Workflow.Id}:sms:{context.Step.Id}", data.ContactId, "mayday-coupon-sms", data.CouponCode!));
            return ExecutionResult.Next();
        }
    }
}
