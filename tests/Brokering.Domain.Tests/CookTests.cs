using Brokering.Domain.Cooks;

namespace Brokering.Domain.Tests;

public class CookTests
{
    [Fact]
    public void A_new_cook_has_applied_and_travels_one_mile_unless_they_say_otherwise()
    {
        var cook = new Cook(A.Council, "u", "Pat", new GeoPoint(51.5, -0.1), null, A.Now);
        Assert.Equal(CookStatus.Applied, cook.Status);
        Assert.Equal(1.6, cook.TravelRadiusKm);
    }

    [Fact]
    public void Approval_is_refused_naming_every_required_check_still_missing()
    {
        var cook = A.AppliedCook();
        cook.RecordCheck(A.Check(CheckKind.Identity));

        var refused = Assert.Throws<ChecksOutstandingException>(() => cook.Approve(A.Policy(), A.Today));

        Assert.Equal([CheckKind.DbsBasic, CheckKind.FoodHygiene], refused.Missing);
        Assert.Equal(CookStatus.Applied, cook.Status);
    }

    [Fact]
    public void An_expired_check_does_not_count_towards_approval()
    {
        var cook = A.AppliedCook();
        cook.RecordCheck(A.Check(CheckKind.Identity));
        cook.RecordCheck(A.Check(CheckKind.DbsBasic));
        cook.RecordCheck(A.Check(CheckKind.FoodHygiene, issued: A.Today.AddYears(-2), expires: A.Today));

        var refused = Assert.Throws<ChecksOutstandingException>(() => cook.Approve(A.Policy(), A.Today));
        Assert.Equal([CheckKind.FoodHygiene], refused.Missing);
    }

    [Fact]
    public void A_higher_dbs_level_meets_a_lower_requirement_but_not_the_reverse()
    {
        Assert.True(A.Check(CheckKind.DbsEnhanced).Satisfies(CheckKind.DbsBasic));
        Assert.True(A.Check(CheckKind.DbsEnhancedBarred).Satisfies(CheckKind.DbsEnhanced));
        Assert.False(A.Check(CheckKind.DbsBasic).Satisfies(CheckKind.DbsStandard));
        Assert.False(A.Check(CheckKind.Identity).Satisfies(CheckKind.References));
    }

    [Fact]
    public void A_check_is_valid_from_its_issue_date_up_to_but_not_on_its_expiry_date()
    {
        var check = A.Check(CheckKind.FoodHygiene, issued: A.Today, expires: A.Today.AddDays(10));
        Assert.False(check.IsValidOn(A.Today.AddDays(-1)));
        Assert.True(check.IsValidOn(A.Today));
        Assert.True(check.IsValidOn(A.Today.AddDays(9)));
        Assert.False(check.IsValidOn(A.Today.AddDays(10)));
    }

    [Fact]
    public void A_check_cannot_expire_before_it_was_issued()
    {
        Assert.Throws<DomainValidationException>(() => A.Check(CheckKind.Identity, issued: A.Today, expires: A.Today));
    }

    [Fact]
    public void An_approved_cook_can_be_suspended_and_reinstated_once_checks_are_still_valid()
    {
        var cook = A.ApprovedCook();
        cook.Suspend("concern under review");
        Assert.Equal(CookStatus.Suspended, cook.Status);
        Assert.Equal("concern under review", cook.SuspensionReason);

        cook.Approve(A.Policy(), A.Today);
        Assert.Equal(CookStatus.Approved, cook.Status);
        Assert.Null(cook.SuspensionReason);
    }

    [Fact]
    public void Illegal_cook_transitions_are_refused()
    {
        var approved = A.ApprovedCook();
        Assert.Throws<InvalidTransitionException>(() => approved.Approve(A.Policy(), A.Today));
        Assert.Throws<InvalidTransitionException>(() => approved.Reject());

        var applied = A.AppliedCook();
        Assert.Throws<InvalidTransitionException>(() => applied.Suspend("why"));
        applied.Reject();
        Assert.Equal(CookStatus.Rejected, applied.Status);
        Assert.Throws<InvalidTransitionException>(() => applied.Approve(A.Policy(), A.Today));
        Assert.Throws<InvalidTransitionException>(() => applied.RecordCheck(A.Check(CheckKind.Identity)));
    }

    [Fact]
    public void A_cook_is_not_matchable_on_a_day_a_required_check_has_expired()
    {
        var cook = A.ApprovedCook(checksExpire: A.Today.AddDays(5));
        Assert.Empty(cook.WhyNotMatchableOn(A.Policy(), A.Today.AddDays(4)));
        var reason = Assert.Single(cook.WhyNotMatchableOn(A.Policy(), A.Today.AddDays(5)));
        Assert.Equal("cook's checks not valid on 2026-11-26: identity, dbs-basic, food-hygiene", reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(51)]
    [InlineData(double.NaN)]
    public void A_travel_radius_must_be_positive_and_sensible(double km)
    {
        Assert.Throws<DomainValidationException>(() => new Cook(A.Council, "u", "Pat", new GeoPoint(51.5, -0.1), km, A.Now));
    }
}
