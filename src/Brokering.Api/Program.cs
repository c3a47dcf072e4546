using Brokering.Api.Accounts;
using Brokering.Api.Bookings;
using Brokering.Api.Cooks;
using Brokering.Api.Councils;
using Brokering.Api.Diners;
using Brokering.Api.Infrastructure;
using Brokering.Api.Offers;

var builder = WebApplication.CreateBuilder(args);
builder.AddBrokeringCore();

var app = builder.Build();
app.UseBrokeringPipeline();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapCouncilEndpoints();
app.MapCookEndpoints();
app.MapDinerEndpoints();
app.MapOfferEndpoints();
app.MapBookingEndpoints();

await app.PrepareDatabaseAsync();
await app.RunAsync();

public partial class Program;
