using Brokering.Domain;
using Brokering.Features.Access;
using Brokering.Features.Cooks;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Pages.Cook;

public sealed class IndexModel(BrokeringDbContext db, TimeProvider time) : BrokeringPage
{
    public CookResponse? Cook { get; private set; }

    public IReadOnlyList<OfferResponse> Offers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.Id();
        var cook = await db.Cooks.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId, cancellationToken);
        if (cook is null)
        {
            return;
        }

        var council = await db.Councils.AsNoTracking().SingleAsync(c => c.Id == cook.CouncilId, cancellationToken);
        Cook = CookResponse.From(cook, council.Policy, time.TodayInUk());
        var offers = await db.Offers.AsNoTracking().Where(o => o.CookId == cook.Id)
            .OrderByDescending(o => o.DeliveryDate).Take(50).ToListAsync(cancellationToken);
        Offers = [.. offers.Select(o => OfferResponse.From(o))];
    }
}
