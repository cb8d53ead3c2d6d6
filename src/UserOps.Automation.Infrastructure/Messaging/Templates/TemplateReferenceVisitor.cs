using Fluid;
using Fluid.Ast;

namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>Walks a parsed template and records the variable paths, local names and filters it uses.</summary>
internal sealed class TemplateReferenceVisitor : AstVisitor
{
    public List<IReadOnlyList<string?>> Paths { get; } = [];
    public HashSet<string> Locals { get; } = new(StringComparer.Ordinal) { "forloop", "tablerowloop", "empty", "blank" };
    public HashSet<string> Filters { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Forbidden { get; } = new(StringComparer.Ordinal);

    public void Walk(IFluidTemplate template) => VisitTemplate(template);

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        var path = new List<string?>(memberExpression.Segments.Count);
        foreach (var segment in memberExpression.Segments)
        {
            path.Add(segment switch
            {
                IdentifierSegment identifier => identifier.Identifier,
                IndexerSegment { Expression: LiteralExpression literal } => literal.Value.ToStringValue(),
                _ => null,
            });
        }

        Paths.Add(path);
        return base.VisitMemberExpression(memberExpression);
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        Filters.Add(filterExpression.Name);
        return base.VisitFilterExpression(filterExpression);
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        Locals.Add(assignStatement.Identifier);
        return base.VisitAssignStatement(assignStatement);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        Locals.Add(captureStatement.Identifier);
        return base.VisitCaptureStatement(captureStatement);
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        Locals.Add(forStatement.Identifier);
        return base.VisitForStatement(forStatement);
    }

    protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement)
    {
        Locals.Add(incrementStatement.Identifier);
        return base.VisitIncrementStatement(incrementStatement);
    }

    protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement)
    {
        Locals.Add(decrementStatement.Identifier);
        return base.VisitDecrementStatement(decrementStatement);
    }

    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement) => Forbid("include", includeStatement);

    protected override Statement VisitRenderStatement(RenderStatement renderStatement) => Forbid("render", renderStatement);

    protected override Statement VisitMacroStatement(MacroStatement macroStatement) => Forbid("macro", macroStatement);

    protected override Statement VisitFromStatement(FromStatement fromStatement) => Forbid("from", fromStatement);

    private Statement Forbid(string tag, Statement statement)
    {
        Forbidden.Add(tag);
        return statement;
    }
}
