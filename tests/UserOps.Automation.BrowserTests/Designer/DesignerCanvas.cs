using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace UserOps.Automation.BrowserTests.Designer;

/// <summary>The designer as an operator uses it: drag from the palette, connect port to port, edit in the properties panel.</summary>
internal sealed class DesignerCanvas(IPage page)
{
    public ILocator Canvas => page.GetByTestId("canvas");

    public ILocator Properties => page.GetByRole(AriaRole.Complementary, new() { Name = "Properties" });

    public ILocator PublishButton => page.GetByRole(AriaRole.Toolbar, new() { Name = "Designer" }).GetByRole(AriaRole.Button, new() { Name = "Publish" });

    /// <summary>React Flow's own test id of a node.</summary>
    public ILocator Node(string id) => page.GetByTestId($"rf__node-{id}");

    public ILocator Edge(string source, string port, string target) => page.GetByTestId($"rf__edge-{source}:{port}->{target}");

    /// <summary>Drags a palette item onto the canvas at (<paramref name="x"/>, <paramref name="y"/>) of the canvas; returns the new node's id.</summary>
    public async Task<string> DropAsync(string type, float x, float y)
    {
        await SettledAsync();
        var before = await page.Locator(".react-flow__node").CountAsync();
        await page.GetByTestId($"palette-{type}").DragToAsync(Canvas, new() { TargetPosition = new() { X = x, Y = y } });
        await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(before + 1);
        // A dropped activity is the one selected.
        var dropped = page.Locator(".react-flow__node.selected");
        await Expect(dropped).ToHaveCountAsync(1);
        return (await dropped.GetAttributeAsync("data-id"))!;
    }

    /// <summary>Drags from <paramref name="source"/>'s output port to <paramref name="target"/>'s input, as a mouse would.</summary>
    public async Task ConnectAsync(string source, string port, string target)
    {
        await SettledAsync();
        var from = await CentreOfAsync(page.Locator($".react-flow__handle.source[data-nodeid='{source}'][data-handleid='{port}']"));
        var to = await CentreOfAsync(page.Locator($".react-flow__handle.target[data-nodeid='{target}']"));
        await page.Mouse.MoveAsync(from.X, from.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((from.X + to.X) / 2, (from.Y + to.Y) / 2, new() { Steps = 4 });
        await page.Mouse.MoveAsync(to.X, to.Y, new() { Steps = 4 });
        await page.Mouse.UpAsync();
        // Attached, not visible: a straight vertical edge has an empty box, which Playwright calls hidden.
        await Expect(Edge(source, port, target)).ToBeAttachedAsync();
    }

    /// <summary>
    /// Waits until the host has judged the current document. A verdict redraws the nodes (a red node carries its reason,
    /// so it is taller and its output ports lower): positions read before it may be stale by the time the mouse moves.
    /// </summary>
    public async Task SettledAsync() => await Expect(page.GetByTestId("problems")).ToHaveAttributeAsync("aria-busy", "false");

    /// <summary>Selects a node by clicking its title, which opens its properties.</summary>
    public async Task SelectAsync(string id)
    {
        var selected = new System.Text.RegularExpressions.Regex(@"\bselected\b");
        // A click that lands while the freshly opened canvas is still fitting its view can be taken as a pane click:
        // click again (at most three times) rather than fail on the first.
        for (var attempt = 1; ; attempt++)
        {
            await Node(id).Locator(".node-head").ClickAsync();
            try
            {
                await Expect(Node(id)).ToHaveClassAsync(selected, new() { Timeout = attempt < 3 ? 2_000 : 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<(float X, float Y)> CentreOfAsync(ILocator locator)
    {
        await Expect(locator).ToBeVisibleAsync();
        var box = await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} has no box");
        return (box.X + box.Width / 2, box.Y + box.Height / 2);
    }
}
