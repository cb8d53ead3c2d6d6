using System.Linq.Expressions;
using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Rules;

/// <summary>
/// A rule parsed once: a compiled delegate for one contact in memory, and the same expression tree
/// translated for the database when a whole segment is scanned.
/// </summary>
public sealed class CompiledRule
{
    private readonly Func<ContactFacts, EventFacts?, bool> _evaluate;

    internal CompiledRule(RuleSource source, Expression<Func<ContactFacts, EventFacts?, bool>> lambda, bool usesEvent)
    {
        Source = source;
        Lambda = lambda;
        UsesEvent = usesEvent;
        _evaluate = ClosedLambdas.Hoist(lambda).Compile();
    }

    public RuleSource Source { get; }

    public string Name => Source.Name;

    /// <summary>The expression with its rule-set parameters inlined.</summary>
    public Expression<Func<ContactFacts, EventFacts?, bool>> Lambda { get; }

    /// <summary>True when the rule reads the triggering event; such a rule cannot define a segment.</summary>
    public bool UsesEvent { get; }

    /// <summary>
    /// Evaluates the rule for one contact (and event). A null met on the way (a missing email, a
    /// missing event) makes the rule false, as SQL's NULL does in the database.
    /// </summary>
    public bool Evaluate(ContactFacts contact, EventFacts? contactEvent = null)
    {
        try
        {
            return _evaluate(contact, contactEvent);
        }
        catch (NullReferenceException)
        {
            return false;
        }
        catch (KeyNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The rule as a predicate over stored contacts, as of <paramref name="now"/> (UTC).</summary>
    public Expression<Func<Contact, bool>> ToQuery(DateTime now)
    {
        if (UsesEvent)
        {
            throw new InvalidOperationException($"Rule '{Name}' reads the event, so it cannot be evaluated over stored contacts.");
        }

        return ContactQueryTranslator.Translate(Lambda, now);
    }
}

/// <summary>Where a rule came from and what it says.</summary>
/// <param name="Title">Display name (rule property <c>title</c>).</param>
/// <param name="OffersSegment">False when the rule property <c>segment</c> is false: the rule is not offered as a segment.</param>
public sealed record RuleSource(string File, string RuleSet, string Name, string Expression, string? Description, string? Title = null, bool OffersSegment = true);
