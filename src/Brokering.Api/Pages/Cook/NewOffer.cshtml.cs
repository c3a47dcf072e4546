using Brokering.Domain;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Brokering.Api.Pages.Cook;

public sealed class NewOfferModel(BrokeringDbContext db, OpenOffers open, TimeProvider time) : BrokeringPage
{
    [BindProperty]
    public string? Dish { get; set; }

    [BindProperty]
    public string? Ingredients { get; set; }

    [BindProperty]
    public List<string> Allergens { get; set; } = [];

    [BindProperty]
    public string? AllergensChecked { get; set; }

    [BindProperty]
    public List<string> Diets { get; set; } = [];

    [BindProperty]
    public string? Portions { get; set; } = "2";

    [BindProperty]
    public string? DeliveryDate { get; set; }

    [BindProperty]
    public string? WindowStart { get; set; } = "12:00";

    [BindProperty]
    public string? WindowEnd { get; set; } = "13:30";

    [BindProperty]
    public string? ReheatingAdvice { get; set; }

    public void OnGet() => DeliveryDate = time.TodayInUk().AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Older people with allergies rely on the declaration, so the page asks for it every time;
        // the API's "not declared" is for systems that cannot say.
        if (AllergensChecked != "yes")
        {
            ModelState.AddModelError(nameof(AllergensChecked), "Confirm you have checked the meal for all 14 allergens.");
        }

        var portions = int.TryParse(Portions, out var p) ? p : (int?)null;
        if (portions is null)
        {
            ModelState.AddModelError(nameof(Portions), "Enter the number of portions, like 2.");
        }

        var date = Date(DeliveryDate, nameof(DeliveryDate), "the day you will take the meal round");

        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        var offer = await SendAsync<OfferResponse>(async () => await OfferEndpoints.Create(
            new CreateOfferRequest(Dish ?? "", Ingredients, [.. Allergens], [.. Diets], portions!.Value, date!.Value,
                WindowStart ?? "", WindowEnd ?? "", string.IsNullOrWhiteSpace(ReheatingAdvice) ? null : ReheatingAdvice),
            User, db, open, time, cancellationToken));
        if (offer is null)
        {
            return Page();
        }

        Done = $"Your {offer.Dish} is offered for {offer.DeliveryDate:d MMMM}.";
        return Redirect($"/cook/offers/{offer.Id}");
    }
}
