using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Brokering.Api.Tests.Pages.PagesApp;

namespace Brokering.Api.Tests.Pages;

/// <summary>
/// The interactive API reference a council's integrator reads, in a real browser, over the
/// service's own OpenAPI document: every problem an endpoint can answer is documented, and the
/// page works under the site's content security policy with nothing fetched from elsewhere.
/// </summary>
public sealed class ApiReferenceTests(PagesApp app) : IClassFixture<PagesApp>
{
    [Fact]
    public async Task The_OpenAPI_document_lists_every_problem_an_endpoint_can_answer()
    {
        using var http = app.CreateClient();
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;

        var book = document["paths"]!["/api/v1/offers/{offerId}/bookings"]!["post"]!["responses"]!.AsObject();
        Assert.Equal(["201", "400", "401", "403", "404", "409", "422", "503"], book.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(book.Where(r => r.Key != "201"), r =>
            Assert.Equal("#/components/schemas/Problem", r.Value!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>()));
        Assert.Equal("integer", book["503"]!["headers"]!["Retry-After"]!["schema"]!["type"]!.GetValue<string>());
        Assert.Contains("reasons", document["components"]!["schemas"]!["Problem"]!["properties"]!.AsObject().Select(p => p.Key));

        // A read names no state conflict or rule; the Stripe webhook, open to Stripe, asks for no sign-in.
        var read = document["paths"]!["/api/v1/bookings/{id}"]!["get"]!["responses"]!.AsObject().Select(r => r.Key).ToList();
        Assert.Contains("503", read);
        Assert.DoesNotContain("409", read);
        Assert.DoesNotContain("422", read);
        var webhook = document["paths"]!["/api/v1/payments/stripe/webhook"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ToList();
        Assert.DoesNotContain("401", webhook);
    }

    [Fact]
    public async Task An_integrator_reads_an_endpoint_and_its_refusals_in_the_interactive_reference_served_by_the_app_itself()
    {
        var page = await app.NewPersonAsync();
        var errors = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };

        await page.GotoAsync("/api-reference/");
        await Expect(page.GetByText("Book one portion for a diner.").First).ToBeVisibleAsync();
        await page.GetByText("Book one portion for a diner.").First.ClickAsync();
        await Expect(page.GetByText("Well-formed, but a rule of the scheme refuses it").First).ToBeAttachedAsync();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Empty(elsewhere);
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"api-reference-{LaptopWidth}.png") });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
