using System.Text.RegularExpressions;
using Brokering.Api.Tests.Support;
using Microsoft.Playwright;
using static Brokering.Api.Tests.Pages.PagesApp;

namespace Brokering.Api.Tests.Pages;

/// <summary>
/// The scheme's whole journey through the pages in a real browser, each person in their own
/// browser session: a cook applies, a coordinator records checks and approves, the cook offers a
/// meal, a referrer refers a diner, the coordinator matches and approves, the cook marks it delivered.
/// </summary>
public sealed class PageJourneyTests(PagesApp app) : IClassFixture<PagesApp>
{
    private const string CookPassword = "Cook-Passw0rd!";
    private const string ReferrerPassword = "Referrer-Passw0rd!";

    [Fact]
    public async Task A_meal_goes_from_a_new_cook_to_a_referred_diner_entirely_through_the_pages()
    {
        var deliveryDay = app.Clock.Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // A cook applies, with an unknown postcode first.
        var cook = await app.NewPersonAsync();
        await cook.GotoAsync("/");
        await CheckAsync(cook, "01-start");
        await cook.GetByRole(AriaRole.Button, new() { Name = "Volunteer to cook" }).ClickAsync();
        await cook.GetByLabel("Your name").FillAsync("Pat Baker");
        await cook.GetByLabel("Email address").FillAsync("pat.baker@example.org");
        await cook.GetByLabel("Create a password").FillAsync(CookPassword);
        await CheckAsync(cook, "02-register");
        await cook.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(cook).ToHaveURLAsync(new Regex("/cook/apply$"));
        await cook.GetByLabel("Your postcode").FillAsync("ZZ9 9ZY");
        await cook.GetByLabel("How far can you take a meal").FillAsync("3");
        await cook.GetByRole(AriaRole.Button, new() { Name = "Send application" }).ClickAsync();
        await Expect(cook.Locator(".govuk-error-summary")).ToContainTextAsync("We could not find that postcode");
        Assert.StartsWith("Error:", await cook.TitleAsync());
        await CheckAsync(cook, "03-apply-with-unknown-postcode");
        await cook.GetByLabel("Your postcode").FillAsync("zz1 0aa");
        await cook.GetByRole(AriaRole.Button, new() { Name = "Send application" }).ClickAsync();
        await Expect(cook.Locator("#outstanding-checks")).ToContainTextAsync("Identity verified");
        await CheckAsync(cook, "04-cook-awaiting-checks");

        // The coordinator records each outstanding check and approves.
        var coordinator = await SignInAsync(BrokeringApp.AdminEmail, BrokeringApp.AdminPassword);
        await Expect(coordinator).ToHaveURLAsync(new Regex("/council/work$"));
        await CheckAsync(coordinator, "05-work-queue");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Pat Baker" }).ClickAsync();
        await CheckAsync(coordinator, "06-cook-checks");
        while (await coordinator.Locator("#missing-checks").TextContentAsync() is { } missing && missing.StartsWith("Still needed:", StringComparison.Ordinal))
        {
            var next = missing["Still needed: ".Length..].Split(", ")[0].TrimEnd('.');
            await coordinator.GetByLabel(next, new() { Exact = true }).CheckAsync();
            await coordinator.GetByLabel("Issued on").FillAsync(app.Clock.Today.AddMonths(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Record check" }).ClickAsync();
            await Expect(coordinator.Locator(".govuk-notification-banner")).ToContainTextAsync("Check recorded");
        }

        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Approve cook" }).ClickAsync();
        await Expect(coordinator.Locator("h1 .govuk-tag")).ToHaveTextAsync("Approved");

        // The cook offers a meal; the page insists on the allergen check.
        await cook.GotoAsync("/cook");
        await cook.GetByRole(AriaRole.Button, new() { Name = "Offer a meal" }).ClickAsync();
        await cook.GetByLabel("What are you cooking?").FillAsync("Vegetable lasagne");
        await cook.GetByLabel("Ingredients").FillAsync("Pasta, tomatoes, courgettes, cheese sauce");
        await cook.GetByLabel("Milk", new() { Exact = true }).CheckAsync();
        await cook.GetByLabel("Cereals containing gluten").CheckAsync();
        await cook.GetByLabel("Vegetarian", new() { Exact = true }).CheckAsync();
        await cook.GetByLabel("How many spare portions?").FillAsync("2");
        await cook.GetByLabel("Which day will you take it round?").FillAsync(deliveryDay);
        await cook.GetByRole(AriaRole.Button, new() { Name = "Offer this meal" }).ClickAsync();
        await Expect(cook.Locator(".govuk-error-summary")).ToContainTextAsync("Confirm you have checked the meal for all 14 allergens");
        await CheckAsync(cook, "07-offer-a-meal-with-errors");
        await cook.GetByLabel("I have checked every ingredient").CheckAsync();
        await cook.GetByRole(AriaRole.Button, new() { Name = "Offer this meal" }).ClickAsync();
        await Expect(cook.Locator("h1")).ToHaveTextAsync("Vegetable lasagne");
        await CheckAsync(cook, "08-offer-no-bookings");
        var offerUrl = cook.Url;

        // A referrer, given the role by the coordinator, refers a diner nearby.
        var referrer = await app.NewPersonAsync();
        await RegisterAsync(referrer, "Sam Social Worker", "sam@example.org", ReferrerPassword);
        await coordinator.GotoAsync("/council/staff");
        await coordinator.GetByLabel("Their email address").FillAsync("sam@example.org");
        await coordinator.GetByLabel("Referrer", new() { Exact = true }).CheckAsync();
        await CheckAsync(coordinator, "09-staff");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Give role" }).ClickAsync();
        await Expect(coordinator.Locator(".govuk-notification-banner")).ToContainTextAsync("is now a referrer");
        await referrer.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(referrer.Locator("h1")).ToHaveTextAsync("You have signed out");
        await referrer.GotoAsync("/cook");
        await Expect(referrer).ToHaveURLAsync(new Regex("/account/sign-in"));
        await SignInAsync("sam@example.org", ReferrerPassword, referrer);
        await referrer.GotoAsync("/referrals/new");
        await referrer.GetByLabel("First name", new() { Exact = true }).FillAsync("Edna");
        await referrer.GetByLabel("Last name", new() { Exact = true }).FillAsync("Whitfield");
        await referrer.GetByLabel("Postcode", new() { Exact = true }).FillAsync("ZZ1 0AB");
        await referrer.GetByLabel("Address", new() { Exact = true }).FillAsync("4 Orchard Close, Testtown, ZZ1 0AB");
        await referrer.GetByLabel("Vegetarian", new() { Exact = true }).CheckAsync();
        await referrer.GetByLabel("Phone call").CheckAsync();
        await referrer.GetByLabel("Phone number (optional)", new() { Exact = true }).FillAsync("07700900123");
        await referrer.GetByLabel("Their name (optional)", new() { Exact = true }).FillAsync("June Whitfield");
        await referrer.GetByLabel("Their phone number (optional)").FillAsync("07700900456");
        await referrer.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        await Expect(referrer.Locator(".govuk-error-summary")).ToContainTextAsync("We cannot refer anyone without their consent");
        await CheckAsync(referrer, "10-refer-without-consent");
        await referrer.GetByLabel("They agree to the council").CheckAsync();
        await referrer.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        await Expect(referrer.Locator("table")).ToContainTextAsync("Edna Whitfield");
        await Expect(referrer.Locator("table")).ToContainTextAsync("Referred");
        // Pat can reach her, but no diner like her has had a first meal yet: no number, and the reason.
        await Expect(referrer.Locator("[data-field=wait]")).ToHaveTextAsync("No estimate yet: only 0 diners with the same needs within 5 km had a first meal in the last 90 days.");
        await CheckAsync(referrer, "11-referrals");

        // The coordinator approves the diner, matches, and approves the proposal with its reasons.
        await coordinator.GotoAsync("/council/work");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Edna Whitfield" }).ClickAsync();
        await CheckAsync(coordinator, "12-diner");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Approve for meals" }).ClickAsync();
        await Expect(coordinator.Locator("h1 .govuk-tag")).ToHaveTextAsync("Approved");
        await coordinator.GotoAsync("/council/matching");
        await coordinator.GetByLabel("Match meals being delivered on").FillAsync(deliveryDay);
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync();
        var proposal = coordinator.Locator(".govuk-summary-card").Filter(new() { HasText = "Edna Whitfield" });
        await Expect(proposal).ToContainTextAsync("Pat Baker");
        await Expect(proposal.Locator("li").First).ToBeVisibleAsync();
        await CheckAsync(coordinator, "13-matching-proposals");
        await proposal.GetByRole(AriaRole.Button, new() { Name = "Approve and book Edna Whitfield" }).ClickAsync();
        await Expect(coordinator.Locator(".govuk-notification-banner")).ToContainTextAsync("Booked");

        // Edna hears by phone, so her confirmation waits on the coordinators' call list.
        while (await app.DispatchAsync() > 0)
        {
        }

        await coordinator.GotoAsync("/council/work");
        var call = coordinator.Locator("#messages + table tbody tr").Filter(new() { HasText = "Booking confirmed" }).Filter(new() { HasText = "07700900123" });
        await Expect(call).ToContainTextAsync("Hello Edna");
        await CheckAsync(coordinator, "14-call-list");
        await call.GetByRole(AriaRole.Button, new() { Name = "I have rung them" }).ClickAsync();
        await Expect(coordinator.Locator(".govuk-notification-banner")).ToContainTextAsync("Marked as rung");
        await Expect(coordinator.Locator("#messages + table tbody tr").Filter(new() { HasText = "Booking confirmed" })).ToHaveCountAsync(0);

        // The cook sees Edna's first name and needs, not her address, and marks the meal delivered.
        await cook.GotoAsync(offerUrl);
        var booking = cook.Locator(".govuk-summary-card").Filter(new() { HasText = "Edna" });
        await Expect(booking).ToContainTextAsync("Vegetarian");
        await Expect(booking).Not.ToContainTextAsync("Whitfield");
        await Expect(booking).Not.ToContainTextAsync("Orchard Close");
        await CheckAsync(cook, "15-offer-with-booking");

        // The cook prints the meal's label: an A6 card with every allergen answered.
        await booking.GetByRole(AriaRole.Link, new() { Name = "Print the label for Edna's meal" }).ClickAsync();
        var label = cook.Locator(".app-label");
        await Expect(label.Locator("h1")).ToHaveTextAsync("Vegetable lasagne");
        await Expect(label).ToContainTextAsync("Home-cooked for Edna by Pat");
        await Expect(label.Locator("[data-field=ingredients]")).ToHaveTextAsync("Pasta, tomatoes, courgettes, cheese sauce");
        await Expect(label.Locator("[data-field=allergens] tbody tr")).ToHaveCountAsync(14);
        await Expect(label.Locator("tr").Filter(new() { HasText = "Milk" }).Locator("td")).ToHaveTextAsync("Contains");
        await Expect(label.Locator("tr").Filter(new() { HasText = "Peanuts" }).Locator("td")).ToHaveTextAsync("Does not contain");
        await Expect(label.Locator("[data-field=reheating]")).ToContainTextAsync("75 °C");
        await CheckAsync(cook, "24-meal-label");
        var pdf = System.Text.Encoding.Latin1.GetString(await cook.PdfAsync(new() { PreferCSSPageSize = true }));
        var box = Regex.Match(pdf, @"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]");
        Assert.True(box.Success, "the printed label has a page size");
        // A6 is 105 x 148 mm: 297.6 x 419.5 points.
        Assert.Equal(298, Math.Round(double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), 1);
        Assert.Equal(420, Math.Round(double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)), 1);
        Assert.Equal(1, Regex.Count(pdf, @"/Type\s*/Page[^s]"));
        await cook.GoBackAsync();
        await booking.GetByRole(AriaRole.Button, new() { Name = "Edna has their meal" }).ClickAsync();
        await Expect(cook.Locator(".govuk-summary-card").Filter(new() { HasText = "Edna" }).Locator(".govuk-tag")).ToHaveTextAsync("Delivered");

        // The cook raises a concern, which reaches the coordinator's work queue.
        await cook.GetByRole(AriaRole.Link, new() { Name = "Raise a concern about Edna" }).ClickAsync();
        await CheckAsync(cook, "16-raise-a-concern");
        await cook.GetByLabel("Not urgent").CheckAsync();
        await cook.GetByLabel("What happened?").FillAsync("Edna said she has not seen anyone else all week.");
        await cook.GetByRole(AriaRole.Button, new() { Name = "Send to the council" }).ClickAsync();
        await Expect(cook.Locator(".govuk-notification-banner")).ToContainTextAsync("Your concern has been sent to the council");
        await coordinator.GotoAsync("/council/work");
        var concern = coordinator.Locator("#concerns + ul li").Filter(new() { HasText = "Edna said she has not seen anyone else all week." });
        await concern.GetByRole(AriaRole.Button, new() { Name = "I am dealing with this" }).ClickAsync();
        await Expect(coordinator.Locator(".govuk-notification-banner")).ToContainTextAsync("You are dealing with the concern");
        await concern.GetByText("Record what you did").ClickAsync();
        await concern.GetByLabel("What you did or found").FillAsync("Rang Edna; she would like company on Sundays.");
        await concern.GetByRole(AriaRole.Button, new() { Name = "Add to the log" }).ClickAsync();
        await Expect(coordinator.Locator(".govuk-notification-banner")).ToContainTextAsync("added to the concern's log");
        await Expect(concern).ToContainTextAsync("Rang Edna; she would like company on Sundays.");
        await concern.GetByText("Close this concern").ClickAsync();
        await concern.GetByLabel("What was done and found").FillAsync("Rang Edna; put her in touch with the lunch club.");
        await concern.GetByRole(AriaRole.Button, new() { Name = "Close concern" }).ClickAsync();
        await Expect(coordinator.Locator(".govuk-notification-banner")).ToContainTextAsync("Concern closed");
        await Expect(coordinator.Locator("#concerns")).ToHaveTextAsync("Concerns (0)");

        // The coordinator records the introduction and approves the pairing; then the cook may see Edna's address.
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Edna Whitfield" }).First.ClickAsync();
        var dinerPage = coordinator.Url;
        var pairing = coordinator.Locator(".govuk-summary-card").Filter(new() { HasText = "Pat Baker" });
        await pairing.GetByRole(AriaRole.Button, new() { Name = "Record introduction" }).ClickAsync();
        await Expect(coordinator.Locator(".govuk-notification-banner")).ToContainTextAsync("Introduction recorded");
        await CheckAsync(coordinator, "17-diner-pairing-introduced");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Approve pairing" }).ClickAsync();
        await Expect(coordinator.Locator(".govuk-notification-banner")).ToContainTextAsync("Pairing approved");
        await cook.GotoAsync(offerUrl);
        await Expect(cook.Locator(".govuk-summary-card").Filter(new() { HasText = "Edna" })).ToContainTextAsync("4 Orchard Close");

        // Someone else's record, or one that does not exist, is a page that says so.
        var notFound = await cook.GotoAsync($"/cook/offers/{Guid.NewGuid()}");
        Assert.Equal(404, notFound!.Status);
        await Expect(cook.Locator("h1")).ToHaveTextAsync("Page not found");
        await CheckAsync(cook, "18-page-not-found");

        // The referrer and the dashboard both see the meal.
        await referrer.ReloadAsync();
        await Expect(referrer.Locator("table tbody tr").Filter(new() { HasText = "Edna Whitfield" }).Locator("td").Nth(3)).ToHaveTextAsync("1");
        await coordinator.GotoAsync("/council/dashboard");
        await Expect(coordinator.Locator("#meals-per-week tbody tr").First.Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Expect(coordinator.Locator("#active-cooks")).ToHaveTextAsync("1");
        await CheckAsync(coordinator, "19-dashboard");
        var download = await coordinator.RunAndWaitForDownloadAsync(() => coordinator.GetByRole(AriaRole.Button, new() { Name = "Download as CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("week_beginning,meals_delivered", csv, StringComparison.Ordinal);
        Assert.Contains(",1,1,1,", csv, StringComparison.Ordinal);
        await coordinator.GotoAsync("/council/map");
        await Expect(coordinator.Locator("#map .leaflet-marker-icon")).ToHaveCountAsync(2);
        await CheckAsync(coordinator, "20-map");

        // The coordinator puts someone on duty for urgent alerts; a shift that ends before it starts is refused.
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Duty rota" }).ClickAsync();
        await coordinator.GetByRole(AriaRole.Radio).First.CheckAsync();
        await coordinator.GetByLabel("End time").FillAsync("08:00");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Add to the rota" }).ClickAsync();
        await Expect(coordinator.Locator(".govuk-error-summary")).ToContainTextAsync("must be after the start of the shift");
        await CheckAsync(coordinator, "21-duty-rota-with-errors");
        await coordinator.GetByLabel("End time").FillAsync("17:00");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Add to the rota" }).ClickAsync();
        await Expect(coordinator.Locator(".govuk-notification-banner")).ToContainTextAsync("The shift is on the rota");
        await Expect(coordinator.Locator("#shifts")).ToHaveTextAsync("Shifts (1)");
        await CheckAsync(coordinator, "22-duty-rota");

        // Edna asks for everything held about her, then to be forgotten; the coordinator must type her full name.
        await coordinator.GotoAsync(dinerPage);
        var export = await coordinator.RunAndWaitForDownloadAsync(() => coordinator.GetByRole(AriaRole.Link, new() { Name = "Download everything held about them (JSON)" }).ClickAsync());
        var held = await File.ReadAllTextAsync(await export.PathAsync());
        Assert.Contains("\"lastName\": \"Whitfield\"", held, StringComparison.Ordinal);
        Assert.Contains("\"accessLog\"", held, StringComparison.Ordinal);
        await coordinator.GetByText("Erase this diner").ClickAsync();
        await coordinator.GetByLabel("Type their full name to confirm").FillAsync("Edna");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Erase diner" }).ClickAsync();
        await Expect(coordinator.Locator(".govuk-error-summary")).ToContainTextAsync("Type the diner's full name");
        await CheckAsync(coordinator, "23-erase-diner-with-errors");
        await coordinator.GetByLabel("Type their full name to confirm").FillAsync("Edna Whitfield");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Erase diner" }).ClickAsync();
        await Expect(coordinator.Locator(".govuk-notification-banner")).ToContainTextAsync("personal details are erased");
        await Expect(coordinator.Locator("main")).Not.ToContainTextAsync("Whitfield");
    }

    [Fact]
    public async Task A_cook_who_can_no_longer_cook_withdraws_the_meal_and_the_diner_having_it_is_told_why()
    {
        var scenario = await Scenario.StartAsync(app);
        var email = $"withdraw-{Guid.NewGuid():N}@people.test";
        var (cookApi, _) = await scenario.ApprovedCookAsync(email: email);
        var offerId = await scenario.OfferAsync(cookApi);
        var dinerId = await scenario.DinerAsync();
        await Scenario.ReadAsync(await scenario.BookAsync(offerId, dinerId), System.Net.HttpStatusCode.Created);

        var cook = await SignInAsync(email, Scenario.Password);
        await cook.GotoAsync($"/cook/offers/{offerId}");
        await cook.GetByRole(AriaRole.Button, new() { Name = "Withdraw this meal" }).ClickAsync();
        await Expect(cook.Locator(".govuk-error-summary")).ToContainTextAsync("Say why you can no longer cook it.");
        await Expect(cook.Locator(".govuk-summary-card .govuk-tag")).ToHaveTextAsync("Confirmed");
        await CheckAsync(cook, "25-withdraw-meal-with-errors");

        await cook.GetByLabel("Why can you no longer cook it?").FillAsync("I have had a fall and cannot stand at the cooker this week.");
        await cook.GetByRole(AriaRole.Button, new() { Name = "Withdraw this meal" }).ClickAsync();
        await Expect(cook.Locator(".govuk-notification-banner")).ToContainTextAsync("We have told the person who was having it");
        await Expect(cook.Locator("dl .govuk-tag").First).ToHaveTextAsync("Withdrawn");
        await Expect(cook.Locator(".govuk-summary-card .govuk-tag")).ToHaveTextAsync("Cancelled");
        await Expect(cook.GetByRole(AriaRole.Button, new() { Name = "Withdraw this meal" })).ToHaveCountAsync(0);
        await CheckAsync(cook, "26-meal-withdrawn");

        // The diner is told by phone, so the cancellation with the cook's words waits on the coordinators' call list.
        var cancelled = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Notifications, n => n.RecipientId == dinerId.ToString() && n.Kind == Brokering.Domain.Notifications.NotificationKind.BookingCancelled));
        Assert.Contains("I have had a fall", cancelled.Fields, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_volunteer_whose_browser_runs_no_JavaScript_can_still_register_apply_and_correct_a_mistake()
    {
        var cook = await app.NewPersonAsync(javaScript: false);
        await RegisterAsync(cook, "Robin Plain", "robin.plain@example.org", CookPassword);
        await Expect(cook).ToHaveURLAsync(new Regex("/cook/apply$"));
        await cook.GetByLabel("Your postcode").FillAsync("not a postcode");
        await cook.GetByRole(AriaRole.Button, new() { Name = "Send application" }).ClickAsync();
        await Expect(cook.Locator(".govuk-error-summary a[href='#Postcode']")).ToHaveTextAsync("Enter a full UK postcode, like LS1 4AP.");
        await Expect(cook.Locator("#Postcode-error")).ToContainTextAsync("Enter a full UK postcode");

        await cook.GetByLabel("Your postcode").FillAsync("ZZ2 3AA");
        await cook.GetByRole(AriaRole.Button, new() { Name = "Send application" }).ClickAsync();
        await Expect(cook.Locator(".govuk-notification-banner")).ToContainTextAsync("Your application has been sent");
        await Expect(cook.Locator(".govuk-summary-list")).ToContainTextAsync("Applied");
    }

    [Fact]
    public async Task A_coordinator_left_idle_for_longer_than_the_session_timeout_is_asked_to_sign_in_again()
    {
        var coordinator = await SignInAsync(BrokeringApp.AdminEmail, BrokeringApp.AdminPassword);
        await Expect(coordinator).ToHaveURLAsync(new Regex("/council/work$"));
        var signedInAt = app.Clock.Now;
        app.Clock.SetUtcNow(signedInAt.AddMinutes(29));
        await coordinator.GotoAsync("/council/work");
        await Expect(coordinator).ToHaveURLAsync(new Regex("/council/work$"));

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await coordinator.GotoAsync("/council/work");
        await Expect(coordinator).ToHaveURLAsync(new Regex("/account/sign-in\\?ReturnUrl=%2Fcouncil%2Fwork$"));
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused_and_changes_nothing()
    {
        app.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var response = await client.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["DisplayName"] = "Forged", ["Email"] = "forged@example.org", ["Password"] = "Forged-Passw0rd!",
        }));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Sorry, that form could not be sent", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.Users, u => u.Email == "forged@example.org")));
    }

    private async Task<IPage> SignInAsync(string email, string password, IPage? page = null)
    {
        page ??= await app.NewPersonAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await CheckAsync(page, "00-sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    private static async Task RegisterAsync(IPage page, string name, string email, string password)
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Create a password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
    }

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
