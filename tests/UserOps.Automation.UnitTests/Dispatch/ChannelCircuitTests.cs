using UserOps.Automation.Core.Dispatch;

namespace UserOps.Automation.UnitTests.Dispatch;

public sealed class ChannelCircuitTests
{
    private static readonly DateTime T0 = new(2026, 4, 28, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void OpensAfterThresholdFailuresInARow_AndASuccessResetsTheCount()
    {
        var circuit = new ChannelCircuit(3, TimeSpan.FromSeconds(30));

        Assert.False(circuit.Failed(T0));
        Assert.False(circuit.Failed(T0));
        circuit.Succeeded();
        Assert.False(circuit.Failed(T0));
        Assert.False(circuit.Failed(T0));
        Assert.Null(circuit.Allowance(T0));
        Assert.True(circuit.Failed(T0));

        Assert.Equal(0, circuit.Allowance(T0.AddSeconds(29)));
    }

    [Fact]
    public void AfterTheBreak_OneProbe_WhoseFailureReopens_AndWhoseSuccessCloses()
    {
        var circuit = new ChannelCircuit(1, TimeSpan.FromSeconds(30));
        circuit.Failed(T0);

        Assert.Equal(1, circuit.Allowance(T0.AddSeconds(30)));
        Assert.Equal(0, circuit.Allowance(T0.AddSeconds(30))); // only one probe at a time
        Assert.True(circuit.Failed(T0.AddSeconds(31)));
        Assert.Equal(0, circuit.Allowance(T0.AddSeconds(60)));

        Assert.Equal(1, circuit.Allowance(T0.AddSeconds(61)));
        circuit.Succeeded();
        Assert.Null(circuit.Allowance(T0.AddSeconds(61)));
        Assert.Equal(CircuitState.Closed, circuit.State(T0.AddSeconds(61)));
    }

    [Fact]
    public void UnusedProbe_LetsAnotherThrough()
    {
        var circuit = new ChannelCircuit(1, TimeSpan.FromSeconds(30));
        circuit.Failed(T0);
        Assert.Equal(1, circuit.Allowance(T0.AddSeconds(30)));

        circuit.ProbeUnused();

        Assert.Equal(1, circuit.Allowance(T0.AddSeconds(30)));
    }
}
