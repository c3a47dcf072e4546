namespace Brokering.Domain;

/// <summary>
/// An aggregate was asked to do something its state machine forbids, such as delivering a
/// cancelled booking. The API answers 409 Conflict with <see cref="Exception.Message"/>.
/// </summary>
public sealed class InvalidTransitionException(string aggregate, string from, string action)
    : Exception($"A {aggregate} that is {from} cannot be {action}.")
{
    public string Aggregate { get; } = aggregate;
    public string From { get; } = from;
    public string Action { get; } = action;
}

/// <summary>
/// A value failed the domain's own validation (a latitude of 91, zero portions). The API answers
/// 400 with the field and reason, before anything is written.
/// </summary>
public sealed class DomainValidationException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}

/// <summary>
/// Well-formed input that a rule forbids (a referral without the diner's consent, a booking for a
/// diner the offer is not safe for). The API answers 422 with every reason.
/// </summary>
public sealed class RuleRefusedException(IReadOnlyList<string> reasons) : Exception(string.Join("; ", reasons))
{
    public RuleRefusedException(string reason) : this([reason]) { }

    public IReadOnlyList<string> Reasons { get; } = reasons;
}
