using Brokering.Api.Accounts;
using Brokering.Api.Audit;
using Brokering.Api.Bookings;
using Brokering.Api.Concerns;
using Brokering.Api.Cooks;
using Brokering.Api.Councils;
using Brokering.Api.Diners;
using Brokering.Api.Infrastructure;
using Brokering.Api.Matching;
using Brokering.Api.Notifications;
using Brokering.Api.Payments;
using Brokering.Api.Offers;
using Brokering.Api.Pairings;
using Brokering.Api.RegularMeals;

var builder = WebApplication.CreateBuilder(args);
builder.AddBrokeringCore();
builder.AddBrokeringSilo();

var app = builder.Build();
if (await app.RunCommandAsync(args))
{
    return;
}

app.UseBrokeringPipeline();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapCouncilEndpoints();
app.MapCookEndpoints();
app.MapDinerEndpoints();
app.MapOfferEndpoints();
app.MapBookingEndpoints();
app.MapMatchingEndpoints();
app.MapPairingEndpoints();
app.MapRegularMealEndpoints();
app.MapLateCancellationEndpoints();
app.MapNotificationEndpoints();
app.MapAuditEndpoints();
app.MapConcernEndpoints();
app.MapDutyEndpoints();
app.MapSharingEndpoints();
app.MapPaymentEndpoints();

await app.PrepareOnStartAsync();
await app.RunAsync();

public partial class Program;
