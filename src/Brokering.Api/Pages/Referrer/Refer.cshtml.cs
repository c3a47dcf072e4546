using Brokering.Features.Diners;
using Brokering.Features.Persistence;
using Brokering.Features.Postcodes;
using Microsoft.AspNetCore.Mvc;

namespace Brokering.Api.Pages.Referrer;

public sealed class ReferModel(BrokeringDbContext db, IGeocoder geocoder, TimeProvider time) : BrokeringPage
{
    [BindProperty] public string? FirstName { get; set; }
    [BindProperty] public string? LastName { get; set; }
    [BindProperty] public string? Postcode { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public List<string> Allergens { get; set; } = [];
    [BindProperty] public List<string> Diets { get; set; } = [];
    [BindProperty] public string? ContactChannel { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }
    [BindProperty] public string? ContactRelationship { get; set; }
    [BindProperty] public string? Consent { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var location = await LocateAsync(geocoder, Postcode, nameof(Postcode), cancellationToken);
        if (ContactChannel is null)
        {
            ModelState.AddModelError(nameof(ContactChannel), "Select how they would like to hear from us.");
        }

        if (Consent != "yes")
        {
            ModelState.AddModelError(nameof(Consent), "Confirm they agree to the referral. We cannot refer anyone without their consent.");
        }

        if (location is null || ModelState.ErrorCount > 0)
        {
            return Page();
        }

        var diner = await SendAsync<DinerResponse>(async () => await DinerEndpoints.Refer(
            new ReferDinerRequest(FirstName ?? "", LastName ?? "", location.Value.Latitude, location.Value.Longitude, [.. Allergens], [.. Diets],
                ContactChannel!, new ConsentRequest(true), Blank(Phone), Blank(Email), Blank(Address),
                string.IsNullOrWhiteSpace(ContactName) ? null : new NominatedContactRequest(ContactName, Blank(ContactPhone), Blank(ContactRelationship))),
            User, db, time, cancellationToken));
        if (diner is null)
        {
            return Page();
        }

        Done = $"{diner.FirstName} has been referred. A coordinator will check the referral and be in touch.";
        return Redirect("/referrals");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
