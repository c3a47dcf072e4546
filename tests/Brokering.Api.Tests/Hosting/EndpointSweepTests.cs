using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Brokering.Api.Tests.Support;
using Brokering.Features.Access;
using Brokering.Features.Accounts;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Hosting;

/// <summary>
/// Every API endpoint, read from the app's own endpoint list, called by every role on records of
/// the caller's own council and of another council. A new endpoint without a rule here fails.
/// </summary>
public abstract class EndpointSweepTests(BrokeringApp app)
{
    /// <summary>Who calls: no one signed in, the world's cook, referrer or coordinator (as they stand to its records, below), or an admin.</summary>
    private enum Role { Anonymous, Cook, Referrer, Coordinator, Admin }

    /// <summary>Endpoints only an admin may use; an admin may also use every coordinator's endpoint, except these.</summary>
    private static readonly string[] AdminOnly = ["CreateCouncil", "ChangeCouncilPolicy", "ListAudit", "RecordSharingAgreement", "EndSharingAgreement"];

    // Staff roles are given to an account; an admin is not a cook applicant.
    private static readonly string[] NotForAdmin = ["CreateOffer", "ApplyAsCook"];

    /// <summary>Endpoints whose first successful call removes the record, so each allowed role needs a world of its own.</summary>
    private static readonly string[] Removes = ["RemoveDutyShift"];

    private static Role[] AllowedFor(string endpoint) =>
        (Allowed[endpoint].Contains(Role.Coordinator) || AdminOnly.Contains(endpoint)) && !NotForAdmin.Contains(endpoint)
            ? [.. Allowed[endpoint], Role.Admin]
            : Allowed[endpoint];

    /// <summary>Who may use each endpoint on their own council's records; everyone else is told 401, 403 or 404.</summary>
    private static readonly Dictionary<string, Role[]> Allowed = new()
    {
        ["Register"] = [Role.Anonymous, Role.Cook, Role.Referrer, Role.Coordinator],
        ["Login"] = [Role.Anonymous, Role.Cook, Role.Referrer, Role.Coordinator],
        ["CurrentAccount"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["CreateCouncil"] = [],
        ["GetCouncil"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["ChangeCouncilPolicy"] = [],
        ["AddCouncilStaff"] = [Role.Coordinator],
        // Every account starts as a cook applicant (staff are given their role later), so anyone signed in may apply.
        ["ApplyAsCook"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["GetCook"] = [Role.Cook, Role.Coordinator],
        ["RecordCheck"] = [Role.Coordinator],
        ["ApproveCook"] = [Role.Coordinator],
        ["RejectCook"] = [Role.Coordinator],
        ["SuspendCook"] = [Role.Coordinator],
        ["ChangeCookTravelRadius"] = [Role.Cook, Role.Coordinator],
        ["ReferDiner"] = [Role.Referrer, Role.Coordinator],
        ["GetDiner"] = [Role.Referrer, Role.Coordinator],
        ["ApproveDiner"] = [Role.Coordinator],
        ["PauseDiner"] = [Role.Coordinator],
        ["CloseDiner"] = [Role.Coordinator],
        ["ExportDiner"] = [Role.Coordinator],
        ["EraseDiner"] = [Role.Coordinator],
        ["ExportCook"] = [Role.Coordinator],
        ["EraseCook"] = [Role.Coordinator],
        ["CreateOffer"] = [Role.Cook],
        ["GetOffer"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["OffersNear"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["OfferBookings"] = [Role.Cook, Role.Coordinator],
        ["WithdrawOffer"] = [Role.Cook, Role.Coordinator],
        ["BookPortion"] = [Role.Referrer, Role.Coordinator],
        ["GetBooking"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["MealLabel"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["ChangeDinerNeeds"] = [Role.Referrer, Role.Coordinator],
        ["DinerWaitingEstimate"] = [Role.Referrer, Role.Coordinator],
        // The world's cook is the regular cook of the world's regular meal, and its referrer referred the diner.
        ["AgreeRegularMeal"] = [Role.Cook, Role.Coordinator],
        ["GetRegularMeal"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["SkipRegularMeal"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["PauseRegularMeals"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["ResumeRegularMeals"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["SetBackupCook"] = [Role.Coordinator],
        // Only the backup cook, whom the world does not have, or a coordinator for them.
        ["CoverRegularMeal"] = [Role.Coordinator],
        ["DeclineRegularMeal"] = [Role.Coordinator],
        ["UncoveredMeals"] = [Role.Coordinator],
        ["RepeatedLateCancellations"] = [Role.Coordinator],
        ["MarkDelivered"] = [Role.Cook, Role.Coordinator],
        ["CancelBooking"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["NoAnswerAtDoor"] = [Role.Cook, Role.Coordinator],
        ["RaiseConcern"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["GiveFeedback"] = [Role.Referrer, Role.Coordinator],
        ["RunMatching"] = [Role.Coordinator],
        ["GetMatchingRun"] = [Role.Coordinator],
        ["ApproveProposal"] = [Role.Coordinator],
        ["RejectProposal"] = [Role.Coordinator],
        ["GetPairing"] = [Role.Coordinator],
        ["RecordIntroduction"] = [Role.Coordinator],
        ["ApprovePairing"] = [Role.Coordinator],
        ["ListNotifications"] = [Role.Coordinator],
        ["RetryNotification"] = [Role.Coordinator],
        ["MarkCalled"] = [Role.Coordinator],
        ["ListAudit"] = [],
        ["RaiseAnyConcern"] = [Role.Cook, Role.Referrer, Role.Coordinator],
        ["ListConcerns"] = [Role.Coordinator],
        ["GetConcern"] = [Role.Coordinator],
        ["RecordConcernAction"] = [Role.Coordinator],
        ["AddDutyShift"] = [Role.Coordinator],
        ["ListDutyShifts"] = [Role.Coordinator],
        ["RemoveDutyShift"] = [Role.Coordinator],
        ["RecordSharingAgreement"] = [],
        ["ListSharingAgreements"] = [Role.Coordinator],
        ["EndSharingAgreement"] = [],
        // Stripe calls it without an account; it answers 400 to anything not signed with the endpoint secret.
        ["StripeWebhook"] = [Role.Anonymous, Role.Cook, Role.Referrer, Role.Coordinator],
        ["ListContributions"] = [Role.Coordinator],
        ["ContributionsByWeek"] = [Role.Coordinator],
        ["WaiveContribution"] = [Role.Coordinator],
        ["AcknowledgeConcern"] = [Role.Coordinator],
        ["CloseConcern"] = [Role.Coordinator],
    };

    private sealed record Call(string Name, HttpMethod Method, string Pattern);

    private sealed class World
    {
        public required Scenario Scenario { get; init; }
        public required HttpClient Cook { get; init; }
        public required Dictionary<string, Guid> Ids { get; init; }

        /// <summary>An account with no role yet, for endpoints that give one.</summary>
        public required string SpareEmail { get; init; }

        public HttpClient As(Role role, BrokeringApp app) => role switch
        {
            Role.Anonymous => app.CreateClient(),
            Role.Cook => Cook,
            Role.Referrer => Scenario.Referrer,
            Role.Admin => Scenario.Admin,
            _ => Scenario.Coordinator,
        };
    }

    /// <summary>
    /// The rule table's Cook, Referrer and Coordinator are the world's cook, the referrer of its
    /// diner and its council's coordinator, standing to its records as RecordAccess (the one place
    /// endpoints, pages and grains ask) says; a cook with no part in them stands as no one.
    /// </summary>
    [Fact]
    public async Task The_rule_tables_roles_stand_to_the_worlds_records_as_record_access_says()
    {
        var world = await WorldAsync();
        var (_, otherCookId) = await world.Scenario.ApprovedCookAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BrokeringUser>>();
        var signIns = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<BrokeringUser>>();
        var cook = await db.Cooks.AsNoTracking().SingleAsync(c => c.Id == world.Ids["cook"]);
        var diner = await db.Diners.AsNoTracking().SingleAsync(d => d.Id == world.Ids["diner"]);
        var offer = await db.Offers.AsNoTracking().SingleAsync(o => o.Id == world.Ids["offer"]);
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == world.Ids["booking"]);
        var regularMeal = await db.RegularMeals.AsNoTracking().SingleAsync(r => r.Id == world.Ids["regularMeal"]);
        async Task<ClaimsPrincipal> SignedIn(BrokeringUser? user) => await signIns.CreateAsync(user!);
        async Task<Standing[]> StandingsOf(ClaimsPrincipal user) =>
        [
            user.ToCook(cook), user.ToDiner(diner), await user.ToOfferAsync(db, offer, CancellationToken.None),
            await user.ToBookingAsync(db, booking, CancellationToken.None), await user.ToRegularMealAsync(db, regularMeal, CancellationToken.None),
        ];

        // To the world's cook record, diner, offer, booking and regular meal, in that order.
        Assert.Equal([Standing.Cook, Standing.None, Standing.Cook, Standing.Cook, Standing.Cook],
            await StandingsOf(await SignedIn(await users.FindByIdAsync(cook.UserId))));
        Assert.Equal([Standing.None, Standing.Referrer, Standing.None, Standing.Referrer, Standing.Referrer],
            await StandingsOf(await SignedIn(await users.FindByIdAsync(diner.ReferredBy))));
        Assert.Equal(Enumerable.Repeat(Standing.Coordinator, 5),
            await StandingsOf(await SignedIn(await users.FindByEmailAsync(world.Scenario.CoordinatorEmail))));
        var otherCook = await db.Cooks.AsNoTracking().SingleAsync(c => c.Id == otherCookId);
        Assert.All(await StandingsOf(await SignedIn(await users.FindByIdAsync(otherCook.UserId))), standing => Assert.Equal(Standing.None, standing));
    }

    [Fact]
    public void Every_endpoint_has_a_rule()
    {
        var missing = Calls().Where(c => !Allowed.ContainsKey(c.Name)).Select(c => $"{c.Method} {c.Pattern} ({c.Name})").ToList();
        Assert.True(missing.Count == 0, "Endpoints without an authorization rule: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task No_role_can_read_or_change_another_councils_records_through_any_endpoint()
    {
        var mine = await WorldAsync();
        var theirs = await WorldAsync();
        var before = await SnapshotAsync(theirs.Scenario.CouncilId);
        var leaks = new List<string>();

        // An admin serves every council by design, so the other council's records are not out of an admin's reach.
        var councilRoles = Enum.GetValues<Role>().Where(r => r != Role.Admin).ToList();
        foreach (var call in Calls().Where(c => c.Pattern.Contains('{', StringComparison.Ordinal)))
        {
            foreach (var role in councilRoles)
            {
                var response = await SendAsync(mine.As(role, app), call, theirs, mine);
                if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                {
                    leaks.Add($"{role} → {call.Method} {call.Pattern}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        // Concerns name their subject in the body: another council's booking, diner or cook is not found.
        foreach (var (type, id) in new[] { ("booking", theirs.Ids["booking"]), ("diner", theirs.Ids["diner"]), ("cook", theirs.Ids["cook"]) })
        {
            foreach (var role in councilRoles)
            {
                var response = await mine.As(role, app).PostAsJsonAsync("/api/v1/concerns",
                    new { subjectType = type, subjectId = id, severity = "urgent", description = "testing access" });
                if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.NotFound))
                {
                    leaks.Add($"{role} → concern about another council's {type}: {(int)response.StatusCode}");
                }
            }
        }

        // Lists and searches show only the caller's own council.
        var listed = await ReadListAsync(await mine.Scenario.Coordinator.GetAsync("/api/v1/notifications?limit=500"));
        leaks.AddRange(listed.Where(n => theirs.Ids["notification"] == n!["id"]!.GetValue<Guid>()).Select(_ => "ListNotifications shows another council's message"));
        var near = await ReadListAsync(await mine.Cook.GetAsync("/api/v1/offers?latitude=51.5&longitude=-0.1&radiusKm=5"));
        leaks.AddRange(near.Where(o => theirs.Ids["offer"] == o!["id"]!.GetValue<Guid>()).Select(_ => "OffersNear shows another council's offer"));

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Equal(before, await SnapshotAsync(theirs.Scenario.CouncilId));
    }

    [Fact]
    public async Task Within_a_council_each_role_reaches_only_the_endpoints_its_rule_allows()
    {
        var failures = new List<string>();
        foreach (var call in Calls().Where(c => Allowed.ContainsKey(c.Name)))
        {
            // A fresh world per endpoint, so what one call changes cannot decide another's answer.
            var world = await WorldAsync();
            foreach (var role in Enum.GetValues<Role>().Where(r => !AllowedFor(call.Name).Contains(r)))
            {
                var response = await SendAsync(world.As(role, app), call, world, world);
                if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                {
                    failures.Add($"{role} should not reach {call.Method} {call.Pattern} but got {(int)response.StatusCode}");
                }
            }

            foreach (var role in AllowedFor(call.Name))
            {
                var own = Removes.Contains(call.Name) ? await WorldAsync() : world;
                var response = await SendAsync(own.As(role, app), call, own, own);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                    || (int)response.StatusCode >= 500)
                {
                    failures.Add($"{role} should reach {call.Method} {call.Pattern} but got {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Within_a_council_a_cook_or_referrer_reaches_only_their_own_cook_record_bookings_and_referrals()
    {
        var world = await WorldAsync();
        var (otherCook, _) = await world.Scenario.ApprovedCookAsync();
        var other = new Dictionary<Role, HttpClient> { [Role.Cook] = otherCook, [Role.Referrer] = await StaffAsync(world, "referrer") };
        var personal = new[] { "GetCook", "GetBooking", "MealLabel", "ChangeDinerNeeds", "DinerWaitingEstimate", "GetRegularMeal", "SkipRegularMeal", "PauseRegularMeals", "ResumeRegularMeals", "MarkDelivered", "CancelBooking", "NoAnswerAtDoor", "RaiseConcern", "RaiseAnyConcern", "GetDiner", "GiveFeedback", "OfferBookings" };
        var before = await SnapshotAsync(world.Scenario.CouncilId);
        var leaks = new List<string>();

        foreach (var call in Calls().Where(c => personal.Contains(c.Name)))
        {
            foreach (var (role, client) in other)
            {
                var response = await SendAsync(client, call, world, world);
                if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                {
                    leaks.Add($"another {role} → {call.Method} {call.Pattern}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Equal(before, await SnapshotAsync(world.Scenario.CouncilId));
    }

    /// <summary>A new account in the world's council given a staff role by the admin.</summary>
    private async Task<HttpClient> StaffAsync(World world, string role)
    {
        var email = $"{Guid.NewGuid():N}@people.test";
        await ReadAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/accounts/register",
            new { email, password = Password, displayName = "Staff", councilId = world.Scenario.CouncilId }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await world.Scenario.Admin.PostAsJsonAsync($"/api/v1/councils/{world.Scenario.CouncilId}/staff", new { email, role })).StatusCode);
        return await SignInAsync(app, email, Password);
    }

    [Fact]
    public async Task Over_a_thousand_hostile_or_malformed_requests_get_clear_refusals_never_a_500_and_refusals_change_nothing()
    {
        var world = await WorldAsync();
        var theirs = await WorldAsync();
        var sent = 0;
        var failures = new List<string>();
        foreach (var call in Calls().Where(c => c.Method != HttpMethod.Get && Body(c.Name, world, world) is not null))
        {
            foreach (var (what, content) in Hostile(JsonSerializer.SerializeToNode(Body(call.Name, world, world))!.AsObject(), theirs))
            {
                var before = await SnapshotAsync(world.Scenario.CouncilId);
                var path = System.Text.RegularExpressions.Regex.Replace(call.Pattern, @"([\w-]+)/\{(\w+)(:\w+)?\}", m =>
                    $"{m.Groups[1].Value}/{world.Ids[Resource(m.Groups[1].Value)]}");
                var response = await world.As(Role.Coordinator, app).SendAsync(new HttpRequestMessage(call.Method, path) { Content = content });
                sent++;
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    failures.Add($"{call.Name} with {what}: {status}");
                }
                else if (status >= 400)
                {
                    if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{call.Name} with {what}: {status} without a problem document");
                    }

                    if (await SnapshotAsync(world.Scenario.CouncilId) != before)
                    {
                        failures.Add($"{call.Name} with {what}: refused with {status} but changed stored data");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(sent >= 1000, $"only {sent} hostile requests were generated");
    }

    /// <summary>Variations on a valid body: every field given hostile text, the wrong type, an unknown word, nothing, another council's id; and broken bodies.</summary>
    private static IEnumerable<(string What, HttpContent Content)> Hostile(JsonObject valid, World theirs)
    {
        static HttpContent Json(JsonNode node) => new StringContent(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        JsonNode?[] values =
        [
            "<script>alert(document.cookie)</script>", "'; DROP TABLE \"Cooks\"; --", "\" OR 1=1 --", new string('x', 20_000), "", "   ", "\u0000",
            "not-a-known-word", "../../etc/passwd", "2026-13-45", "99:99", -1, 0, int.MaxValue, 1e308, true, new JsonArray(), new JsonObject(), null,
            theirs.Ids["diner"].ToString(), Guid.NewGuid().ToString(),
        ];
        foreach (var field in valid.Select(p => p.Key).ToList())
        {
            foreach (var value in values)
            {
                var body = valid.DeepClone().AsObject();
                body[field] = value?.DeepClone();
                yield return ($"{field} = {Describe(value)}", Json(body));
            }

            var without = valid.DeepClone().AsObject();
            without.Remove(field);
            yield return ($"no {field}", Json(without));
        }

        yield return ("a body that is not JSON", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        yield return ("a list for a body", Json(new JsonArray(1, 2, 3)));
        yield return ("a body over the size limit", Json(new JsonObject { ["padding"] = new string('x', 300 * 1024) }));
        yield return ("form data for JSON", new FormUrlEncodedContent(new Dictionary<string, string> { ["a"] = "b" }));
    }

    private static string Describe(JsonNode? value) =>
        value is null ? "null" : value.ToJsonString() is { Length: > 40 } text ? text[..40] + "…" : value.ToJsonString();

    private List<Call> Calls() =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                new Call(e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.RoutePattern.RawText!, new HttpMethod(m), e.RoutePattern.RawText!)))];

    /// <summary>Calls <paramref name="call"/> on <paramref name="target"/>'s records, with a body that would be valid for them.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Call call, World target, World caller)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(call.Pattern, @"([\w-]+)/\{(\w+)(:\w+)?\}", m =>
            $"{m.Groups[1].Value}/{target.Ids[Resource(m.Groups[1].Value)]}");
        if (call.Name == "OffersNear")
        {
            path += "?latitude=51.5&longitude=-0.1&radiusKm=5";
        }

        var request = new HttpRequestMessage(call.Method, path);
        if (Body(call.Name, target, caller) is { } body)
        {
            request.Content = JsonContent.Create(body);
        }

        return client.SendAsync(request);
    }

    private static string Resource(string segment) => segment switch
    {
        "cooks" => "cook",
        "diners" => "diner",
        "offers" => "offer",
        "bookings" => "booking",
        "pairings" => "pairing",
        "notifications" => "notification",
        "councils" => "council",
        "runs" => "run",
        "proposals" => "proposal",
        "concerns" => "concern",
        "duty" => "shift",
        "sharing-agreements" => "agreement",
        "contributions" => "contribution",
        "regular-meals" => "regularMeal",
        _ => throw new InvalidOperationException($"No record to put after /{segment}/: teach the matrix what it is."),
    };

    private static object? Body(string endpoint, World target, World caller) => endpoint switch
    {
        "Register" => new { email = $"{Guid.NewGuid():N}@people.test", password = Password, displayName = "New" },
        // The world's own spare account: the hostile sweep's wrong passwords may lock it, never the admin.
        "Login" => new { email = caller.SpareEmail, password = Password },
        "CreateCouncil" => new { name = $"Council {Guid.NewGuid():N}", policy = new { requiredChecks = AllChecks, maxTravelKm = 5 } },
        "ChangeCouncilPolicy" => new { requiredChecks = AllChecks, maxTravelKm = 6 },
        "AddCouncilStaff" => new { email = caller.SpareEmail, role = "referrer" },
        "ApplyAsCook" => new { displayName = "Pat", latitude = 51.5, longitude = -0.1 },
        "RecordCheck" => new { kind = "identity", reference = "X", issuedOn = "2026-11-01" },
        "ChangeCookTravelRadius" => new { km = 2.5 },
        "RejectCook" or "SuspendCook" or "CancelBooking" or "RejectProposal" or "WaiveContribution" or "WithdrawOffer" => new { reason = "testing access" },
        "ReferDiner" => new { firstName = "Ada", lastName = "Lovelace", latitude = 51.5, longitude = -0.1, allergens = Array.Empty<string>(),
            diets = Array.Empty<string>(), contactChannel = "phone", phone = "01632 960002", consent = new { given = true } },
        "CreateOffer" => new { dish = "Soup", ingredients = "Leeks", allergens = Array.Empty<string>(), diets = Array.Empty<string>(), portions = 2,
            deliveryDate = "2026-11-25", windowStart = "12:00", windowEnd = "13:00" },
        "BookPortion" => new { dinerId = caller.Ids["spare-diner"] },
        "ChangeDinerNeeds" => new { allergens = Array.Empty<string>(), diets = Array.Empty<string>() },
        "AgreeRegularMeal" => new { pairingId = target.Ids["regular-pairing"], weekday = "monday", everyWeeks = 1, startsOn = "2026-11-23", windowStart = "12:00", windowEnd = "13:00",
            meal = new { dish = "Soup", allergens = Array.Empty<string>(), diets = Array.Empty<string>() } },
        "SkipRegularMeal" => new { date = "2026-11-23", reason = "testing access", side = "diner" },
        "PauseRegularMeals" => new { until = "2026-11-30", side = "diner" },
        "SetBackupCook" => new { cookId = target.Ids["cook"] },
        "CoverRegularMeal" => new { date = "2026-11-23", meal = new { dish = "Soup", allergens = Array.Empty<string>(), diets = Array.Empty<string>() } },
        "DeclineRegularMeal" => new { date = "2026-11-23" },
        "RaiseConcern" => new { severity = "routine", description = "testing access" },
        "CloseConcern" => new { outcome = "checked and well" },
        "RecordConcernAction" => new { description = "rang the diner's daughter" },
        // Concerns about the world's booking: the cook delivers it and the referrer referred its diner.
        "RaiseAnyConcern" => new { subjectType = "booking", subjectId = target.Ids["booking"], severity = "routine", description = "testing access" },
        "RecordSharingAgreement" => new { councilA = target.Ids["council"], councilB = caller.Ids["council"], reference = "DSA-1" },
        "AddDutyShift" => new { coordinatorEmail = caller.Scenario.CoordinatorEmail, starts = "2026-11-21T08:00:00Z", ends = "2026-11-21T18:00:00Z" },
        "EraseDiner" => new { confirmName = "Edna Smith" },
        "EraseCook" => new { confirmName = "Pat" },
        "GiveFeedback" => new { rating = 5 },
        "RunMatching" => new { },
        "RecordIntroduction" => new { on = "2026-11-21" },
        _ => null,
    };

    private async Task<World> WorldAsync()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, cookId) = await scenario.ApprovedCookAsync();
        var day = app.Clock.Today.AddDays(1);
        var offer = await scenario.OfferAsync(cook, portions: 6, deliveryDate: day);
        var diner = await scenario.DinerAsync();
        var booking = (await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await scenario.DinerAsync();
        var run = await ReadAsync(await scenario.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = day }), HttpStatusCode.Created);
        var proposals = run["proposals"]!.AsArray();
        var approved = await ReadAsync(await scenario.Coordinator.PostAsync($"/api/v1/matching/proposals/{proposals[0]!["id"]}/approve", null));
        var open = await ReadAsync(await scenario.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = day }), HttpStatusCode.Created);
        var spareEmail = $"{Guid.NewGuid():N}@people.test";
        await ReadAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/accounts/register",
            new { email = spareEmail, password = Password, displayName = "Spare", councilId = scenario.CouncilId }), HttpStatusCode.Created);
        var concern = (await ReadAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/bookings/{booking}/concerns",
            new { severity = "routine", description = "seemed tired" })))["concernId"]!.GetValue<Guid>();
        var notification = await app.WithDbAsync(db => db.Notifications.Where(n => n.CouncilId == scenario.CouncilId).Select(n => n.Id).FirstAsync());
        var shift = (await ReadAsync(await scenario.Coordinator.PostAsJsonAsync("/api/v1/duty", new
        {
            coordinatorEmail = scenario.CoordinatorEmail, starts = app.Clock.Now.AddHours(-1), ends = app.Clock.Now.AddHours(8),
        }), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var partner = (await ReadAsync(await scenario.Admin.PostAsJsonAsync("/api/v1/councils", new { name = $"Partner {Guid.NewGuid():N}" }),
            HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var agreement = (await ReadAsync(await scenario.Admin.PostAsJsonAsync("/api/v1/sharing-agreements",
            new { councilA = scenario.CouncilId, councilB = partner, reference = "DSA-2026-001" }), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var regularPairing = await app.WithDbAsync(db => db.Pairings.Where(p => p.DinerId == diner && p.CookId == cookId).Select(p => p.Id).SingleAsync());
        var regularMeal = (await ReadAsync(await cook.PostAsJsonAsync("/api/v1/regular-meals", Body("AgreeRegularMeal", new World
        {
            Scenario = scenario, Cook = cook, SpareEmail = "", Ids = new() { ["regular-pairing"] = regularPairing },
        }, null!)), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var contribution = await app.WithDbAsync(async db =>
        {
            var owed = new Domain.Contributions.Contribution(scenario.CouncilId, booking, 3.5m, app.Clock.Now);
            db.Contributions.Add(owed);
            await db.SaveChangesAsync();
            return owed.Id;
        });
        return new World
        {
            Scenario = scenario,
            Cook = cook,
            SpareEmail = spareEmail,
            Ids = new()
            {
                ["council"] = scenario.CouncilId, ["cook"] = cookId, ["offer"] = offer, ["diner"] = diner, ["booking"] = booking,
                ["run"] = run["id"]!.GetValue<Guid>(), ["pairing"] = approved["pairingId"]!.GetValue<Guid>(),
                ["proposal"] = open["proposals"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()).FirstOrDefault(proposals[0]!["id"]!.GetValue<Guid>()),
                ["notification"] = notification, ["concern"] = concern, ["shift"] = shift, ["agreement"] = agreement, ["contribution"] = contribution, ["spare-diner"] = await scenario.DinerAsync(),
                ["regular-pairing"] = regularPairing, ["regularMeal"] = regularMeal,
            },
        };
    }

    /// <summary>Every changeable row of a council, by its version or state, to show nothing moved.</summary>
    private Task<string> SnapshotAsync(Guid councilId) => app.WithDbAsync(async db => string.Join(";",
        (await db.Cooks.Where(x => x.CouncilId == councilId).Select(x => x.Id + ":" + x.Version).ToListAsync()).Order()
        .Concat((await db.Diners.Where(x => x.CouncilId == councilId).Select(x => x.Id + ":" + x.Version).ToListAsync()).Order())
        .Concat((await db.Offers.Where(x => x.CouncilId == councilId).Select(x => x.Id + ":" + x.Version + ":" + x.PortionsLeft).ToListAsync()).Order())
        .Concat((await db.Bookings.Where(x => x.CouncilId == councilId).Select(x => x.Id + ":" + x.Version).ToListAsync()).Order())
        .Concat((await db.Pairings.Where(x => x.CouncilId == councilId).Select(x => x.Id + ":" + x.Version).ToListAsync()).Order())
        .Concat((await db.Proposals.Where(x => x.CouncilId == councilId).Select(x => x.Id + ":" + x.Version).ToListAsync()).Order())
        .Concat((await db.Concerns.Where(x => x.CouncilId == councilId).Select(x => x.Id + ":" + x.Version).ToListAsync()).Order())
        .Concat((await db.RegularMeals.Where(x => x.CouncilId == councilId).Select(x => x.Id + ":" + x.Version).ToListAsync()).Order())
        .Concat((await db.DutyShifts.Where(x => x.CouncilId == councilId).Select(x => x.Id + ":" + x.Version).ToListAsync()).Order())
        .Concat((await db.Contributions.Where(x => x.CouncilId == councilId).Select(x => x.Id + ":" + x.Version).ToListAsync()).Order())
        .Concat((await db.Notifications.Where(x => x.CouncilId == councilId).Select(x => x.Id + ":" + x.Attempts).ToListAsync()).Order())));
}

[Collection(SharedSqliteHost.Name)]
public sealed class EndpointSweepOnSqlite(SqliteApp app) : EndpointSweepTests(app);

[Collection(SharedPostgresHost.Name)]
public sealed class EndpointSweepOnPostgres(PostgresApp app) : EndpointSweepTests(app);
