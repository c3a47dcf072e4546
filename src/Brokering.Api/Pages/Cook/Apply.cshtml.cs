using Brokering.Features.Accounts;
using Brokering.Features.Cooks;
using Brokering.Features.Persistence;
using Brokering.Features.Postcodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Brokering.Api.Pages.Cook;

public sealed class ApplyModel(BrokeringDbContext db, IGeocoder geocoder, UserManager<BrokeringUser> users, TimeProvider time) : BrokeringPage
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Postcode { get; set; }

    [BindProperty]
    public string? TravelRadiusKm { get; set; } = Domain.Cooks.Cook.DefaultTravelRadiusKm.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync() => DisplayName = (await users.GetUserAsync(User))?.DisplayName;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var location = await LocateAsync(geocoder, Postcode, nameof(Postcode), cancellationToken);
        var radius = Number(TravelRadiusKm, nameof(TravelRadiusKm), "how far you can take a meal");
        if (location is null || radius is null)
        {
            return Page();
        }

        var cook = await SendAsync<CookResponse>(async () => await CookEndpoints.Apply(
            new ApplyRequest(DisplayName ?? "", location.Value.Latitude, location.Value.Longitude, radius), User, db, time, cancellationToken));
        if (cook is null)
        {
            return Page();
        }

        Done = "Thank you. Your application has been sent to the council.";
        return Redirect("/cook");
    }
}
