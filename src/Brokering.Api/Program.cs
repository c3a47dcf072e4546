using Brokering.Api.Hosting;
using Brokering.Features.Accounts;
using Brokering.Features.Audit;
using Brokering.Features.Bookings;
using Brokering.Features.Concerns;
using Brokering.Features.Cooks;
using Brokering.Features.Councils;
using Brokering.Features.Diners;
using Brokering.Features.Matching;
using Brokering.Features.Notifications;
using Brokering.Features.Offers;
using Brokering.Features.Pairings;
using Brokering.Features.Payments;
using Brokering.Features.RegularMeals;

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
