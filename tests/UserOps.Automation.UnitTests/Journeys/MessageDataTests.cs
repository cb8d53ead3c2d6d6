using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.UnitTests.Journeys;

/// <summary>A send step's message data is written from the journey's variables' text (ADR 0021), and reads as before.</summary>
public sealed class MessageDataTests
{
    private static readonly DateTime Now = new(2026, 5, 1, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void SendStep_MessageData_IsTheJourneysVariablesAndEvent_AsTheTreeWouldSerialise()
    {
        var journey = new Journey(1, "data-test", 7, "s", Now) { TriggerEvent = new JsonObject { ["name"] = "purchase", ["properties"] = new JsonObject { ["category"] = "phones" } } };
        journey.SetVariable("coupon", new JsonObject { ["code"] = "ABCD234567", ["value"] = "10%", ["note"] = "naïve \"quoted\"" });
        var expected = new JsonObject { ["variables"] = journey.Variables.DeepClone(), ["event"] = journey.TriggerEvent.DeepClone() }.ToJsonString();

        var message = Send(journey);

        Assert.Equal(expected, message.DataJson);
        Assert.Equal("ABCD234567", message.Data["variables"]!["coupon"]!["code"]!.GetValue<string>());
        Assert.Equal("phones", message.Data["event"]!["properties"]!["category"]!.GetValue<string>());
    }

    [Fact]
    public void SendStep_WithoutTriggerEvent_DataHasVariablesOnly_AndLaterVariableChangesDoNotReachIt()
    {
        var journey = new Journey(1, "data-test", 7, "s", Now);
        journey.SetVariable("coupon", new JsonObject { ["code"] = "FIRST23456" });

        var message = Send(journey);
        journey.SetVariable("coupon", new JsonObject { ["code"] = "LATER23456" });

        Assert.Equal("""{"variables":{"coupon":{"code":"FIRST23456"}}}""", message.DataJson);
        Assert.Null(message.Data["event"]);
    }

    [Fact]
    public void Message_BuiltWithATree_IsStoredAsThatTree_AndATreeChangedAfterReadingIsWhatIsStored()
    {
        var fromTree = new OutboxMessage("k1", 7, Channel.Sms, "t", Now) { Data = new JsonObject { ["variables"] = new JsonObject { ["x"] = 1 } } };
        var fromText = new OutboxMessage("k2", 7, Channel.Sms, "t", Now) { DataJson = """{"variables":{"x":1}}""" };

        fromText.Data["extra"] = "y";

        Assert.Equal("""{"variables":{"x":1}}""", fromTree.DataJson);
        Assert.Equal("""{"variables":{"x":1},"extra":"y"}""", fromText.DataJson);
        Assert.Equal("{}", new OutboxMessage("k3", 7, Channel.Sms, "t", Now).DataJson);
    }

    private static OutboxMessage Send(Journey journey)
    {
        var definition = WorkflowJson.Parse("""
            { "definitionId": "data-test", "name": "data test", "root": {
                "activities": [ { "id": "t", "type": "ApiTrigger" }, { "id": "s", "type": "SendSms", "template": "hello-sms" } ],
                "connections": [ { "source": { "activity": "t", "port": "Done" }, "target": { "activity": "s", "port": "In" } } ] } }
            """);
        var effects = new JourneyEffects();
        ActivityExecutor.Execute(new ExecutableWorkflow(1, definition, RuleCatalog.Empty), journey, null, Now, effects);
        return Assert.Single(effects.Messages);
    }
}
