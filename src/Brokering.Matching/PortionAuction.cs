namespace Brokering.Matching;

/// <summary>
/// The cheapest way to give every portion of a part to one of a fixed set of diners, when there are
/// exactly as many diners as portions: an auction with ε-scaling (Bertsekas) sets the prices, and
/// shortest paths from those prices finish exactly.
/// <para>
/// Each portion has a price. A diner without a portion bids for the one that costs them least (edge
/// cost plus price), raising its price by how much more their next-best portion would cost plus ε,
/// and takes it from whoever held it. When everyone holds a portion, each holds one within ε of their
/// cheapest. Rounds with a large ε set the prices roughly and quickly; each later round, with a
/// smaller ε, moves them less. Unlike shortest paths from prices of zero, no diner searches the whole
/// town when the last free portions are far away.
/// </para>
/// <para>
/// Once ε is down to <see cref="FinishFromMetres"/>, the diners who hold one of their cheapest
/// offers at its price keep it, and <see cref="MinCostAssignment.ShortestPaths"/> places the others
/// from those prices (the Hungarian method), which is exact whatever the prices: the rounds that
/// would bring ε down to a whole metre only nudge prices by less than a few doors' walk.
/// </para>
/// <para>
/// The portions of one offer are alike, so a diner sees one price per offer (its cheapest portion's)
/// and, for their next best, also the offer's second-cheapest portion.
/// </para>
/// </summary>
internal static class PortionAuction
{
    // How much ε shrinks from one round to the next.
    private const long Shrink = 3;

    /// <summary>
    /// The ε, in metres, from which shortest paths finish once everyone holds a portion. On the
    /// national benchmark the auction's last round then runs at about 12 m: some 118,000 of 509,000
    /// bidders are left to place, in about 0.9 s of one thread, and the 245 auctions make 19.7M bids
    /// in all, where rounds towards a metre, stopped by proofs, made 32.4M (3.1–4.4 s of thread time
    /// against 4.0–6.2 s). Finishing from about 37 m leaves more to place (1.6–1.9 s); from about
    /// 4 m saves little more (0.75 s).
    /// </summary>
    private const long FinishFromMetres = 30;

    /// <summary>
    /// How many of a bidder's cheapest edges they bid on at first. The rest are checked at the start
    /// of each round and at the end, and a bidder who would rather have one of them bids on all.
    /// </summary>
    private const int Narrow = 12;

    /// <summary>
    /// A round that makes more bids than this per bidder is taken for a price war: see <see cref="Cheapest"/>.
    /// </summary>
    private const int WarBidsPerBidder = 40;

    /// <summary>
    /// Places the diners that <paramref name="placed"/> feeds (as many as there are portions, and
    /// <paramref name="placed"/> shows they can all be placed together), on the graph of
    /// <see cref="MinCostAssignment.Assign"/>, whose rows it reorders and rescales in place;
    /// <paramref name="pairingWeight"/> is the part of an edge's cost that marks it as not continuing
    /// a pairing.
    /// <para>
    /// ε starts at the scale of distances, skipping the rounds between it and the scale of continuity's
    /// weight: in most towns a few large bids settle who continues a pairing, and those rounds only
    /// move prices that later rounds move back. Where paired diners outnumber their cooks' portions
    /// in chains, prices must instead creep up by ε through a range as wide as that weight, a price
    /// war; a round making more than <see cref="WarBidsPerBidder"/> bids per bidder is taken for one,
    /// and the auction goes on from the prices reached with ε at the top of the cost scale. Either
    /// way shortest paths finish exactly.
    /// </para>
    /// </summary>
    /// <returns>The offer given to each diner, or -1 for those <paramref name="placed"/> does not feed.</returns>
    public static int[] Cheapest(int[] start, int[] edgeOffer, long[] edgeCost, int[] capacity, int[] placed, long pairingWeight)
    {
        var bidder = Enumerable.Range(0, placed.Length).Where(d => placed[d] >= 0).ToArray();
        var market = Market.Of(start, edgeOffer, edgeCost, capacity, placed, bidder, pairingWeight);
        var offerOf = Bid(market);

        var assigned = new int[placed.Length];
        Array.Fill(assigned, -1);
        for (var b = 0; b < bidder.Length; b++)
        {
            assigned[bidder[b]] = offerOf[b];
        }

        return assigned;
    }

    /// <summary>The auction from prices of zero, finished by shortest paths.</summary>
    /// <returns>The offer each bidder is given.</returns>
    private static int[] Bid(Market market)
    {
        var (rowStart, rowEnd, rowOffer, cost, width, slotStart) = (market.Start, market.End, market.Offer, market.Cost, market.Width, market.SlotStart);
        var offers = slotStart.Length - 1;
        var bidders = rowStart.Length;
        var price = new long[slotStart[offers]];
        var holder = new int[slotStart[offers]];
        Array.Fill(holder, -1);
        var cheapest = new int[offers];
        var offerPrice = new long[offers];
        var second = new long[offers];
        for (var o = 0; o < offers; o++)
        {
            Reprice(o, slotStart, price, cheapest, offerPrice, second);
        }

        var slotOf = new int[bidders];
        var edgeOf = new int[bidders];
        var waiting = new int[bidders];
        Array.Fill(slotOf, -1);

        // A bidder with one offer left bids as if their next best cost this much more: enough to win it.
        var alone = market.Largest + 1;
        var epsilon = Math.Max(1, market.LongestDistance / Shrink);
        var bidsPerRound = WarBidsPerBidder * (long)bidders;
        while (true)
        {
            // Bidders whose portion is still within ε of their cheapest keep it; the others bid again.
            // A bidder whose cheapest is beyond the edges they bid on bids on all of them from now on.
            var count = 0;
            for (var b = 0; b < bidders; b++)
            {
                var least = long.MaxValue;
                var narrowEnd = rowStart[b] + width[b];
                for (var e = rowStart[b]; e < narrowEnd; e++)
                {
                    least = Math.Min(least, cost[e] + offerPrice[rowOffer[e]]);
                }

                for (var e = narrowEnd; e < rowEnd[b]; e++)
                {
                    var value = cost[e] + offerPrice[rowOffer[e]];
                    if (value < least)
                    {
                        least = value;
                        width[b] = rowEnd[b] - rowStart[b];
                    }
                }

                if (slotOf[b] >= 0)
                {
                    if (cost[edgeOf[b]] + price[slotOf[b]] <= least + epsilon)
                    {
                        continue;
                    }

                    holder[slotOf[b]] = -1;
                    slotOf[b] = -1;
                }

                waiting[count++] = b;
            }

            // A ring of bidders without a portion: the one at the head bids, and anyone it displaces joins the tail.
            var head = 0;
            var bidsLeft = bidsPerRound;
            while (count > 0)
            {
                // A price war: from here on, rounds from the top of the cost scale, with no limit.
                if (--bidsLeft < 0)
                {
                    epsilon = market.Largest;
                    bidsPerRound = long.MaxValue;
                    break;
                }

                var b = waiting[head];
                head = head + 1 == bidders ? 0 : head + 1;
                count--;

                var best = long.MaxValue;
                var next = long.MaxValue;
                var bestEdge = -1;
                var end = rowStart[b] + width[b];
                for (var e = rowStart[b]; e < end; e++)
                {
                    var value = cost[e] + offerPrice[rowOffer[e]];
                    if (value < best)
                    {
                        next = best;
                        best = value;
                        bestEdge = e;
                    }
                    else if (value < next)
                    {
                        next = value;
                    }
                }

                var offer = rowOffer[bestEdge];
                if (second[offer] != long.MaxValue)
                {
                    next = Math.Min(next, cost[bestEdge] + second[offer]);
                }

                if (next == long.MaxValue)
                {
                    next = best + alone;
                }

                var slot = cheapest[offer];
                price[slot] += next - best + epsilon;
                var displaced = holder[slot];
                holder[slot] = b;
                slotOf[b] = slot;
                edgeOf[b] = bestEdge;
                Reprice(offer, slotStart, price, cheapest, offerPrice, second);
                if (displaced >= 0)
                {
                    slotOf[displaced] = -1;
                    var tail = head + count;
                    waiting[tail >= bidders ? tail - bidders : tail] = displaced;
                    count++;
                }
            }

            if (count == 0 && epsilon <= FinishFromMetres)
            {
                return Finish(market, edgeOf, offerPrice);
            }

            epsilon = Math.Max(1, epsilon / Shrink);
        }
    }

    /// <summary>
    /// Every bidder placed exactly, from the auction's placing and prices: those who hold one of
    /// their cheapest offers at its price (the price of its cheapest portion) keep it, and shortest
    /// paths place the others. At the offers' prices, taken as potentials of the opposite sign, every
    /// edge's reduced cost is at least zero and a holder's own edge's is zero, which is all that the
    /// Hungarian method needs.
    /// </summary>
    /// <returns>The offer each bidder is given.</returns>
    private static int[] Finish(Market market, int[] edgeOf, long[] offerPrice)
    {
        var (rowStart, rowEnd, rowOffer, cost, slotStart) = (market.Start, market.End, market.Offer, market.Cost, market.SlotStart);
        var bidders = rowStart.Length;
        var offers = offerPrice.Length;
        var heldEdge = new int[bidders];
        for (var b = 0; b < bidders; b++)
        {
            var least = long.MaxValue;
            for (var e = rowStart[b]; e < rowEnd[b]; e++)
            {
                least = Math.Min(least, cost[e] + offerPrice[rowOffer[e]]);
            }

            var held = edgeOf[b];
            heldEdge[b] = cost[held] + offerPrice[rowOffer[held]] == least ? held : -1;
        }

        var potential = new long[offers];
        var capacity = new int[offers];
        for (var o = 0; o < offers; o++)
        {
            potential[o] = -offerPrice[o];
            capacity[o] = slotStart[o + 1] - slotStart[o];
        }

        // Every bidder is fed (each holds an edge, so edgeOf is at 0 or more for all).
        return MinCostAssignment.ShortestPaths(rowStart, rowEnd, rowOffer, cost, capacity, edgeOf, new(heldEdge, potential));
    }

    /// <summary>
    /// The offer's cheapest portion and its price, kept in an array of their own so that a bid reads
    /// one price per edge; and the price of its second cheapest (none: long.MaxValue).
    /// </summary>
    private static void Reprice(int o, int[] slotStart, long[] price, int[] cheapest, long[] offerPrice, long[] second)
    {
        var low = -1;
        var lowPrice = long.MaxValue;
        var nextPrice = long.MaxValue;
        for (var s = slotStart[o]; s < slotStart[o + 1]; s++)
        {
            if (price[s] < lowPrice)
            {
                nextPrice = lowPrice;
                lowPrice = price[s];
                low = s;
            }
            else if (price[s] < nextPrice)
            {
                nextPrice = price[s];
            }
        }

        cheapest[o] = low;
        offerPrice[o] = lowPrice;
        second[o] = nextPrice;
    }

    /// <summary>
    /// Each bidder's edges to offers with portions, cheapest first, on the auction's cost scale, in the
    /// rows of the part they came in: bidder <c>b</c>'s are <c>Offer[Start[b]..End[b]]</c>, and they
    /// bid at first on the first <c>Width[b]</c> of them. Offer <c>o</c>'s portions are the slots from
    /// <c>SlotStart[o]</c>. <see cref="Largest"/> is the largest cost; <see cref="LongestDistance"/>
    /// the largest distance in metres, continuity's weight left out.
    /// </summary>
    private sealed record Market(int[] Start, int[] End, int[] Offer, long[] Cost, int[] Width, int[] SlotStart, long Largest, long LongestDistance)
    {
        /// <summary>
        /// The rows of <paramref name="bidder"/>, rewritten in place, each bidding at first on its
        /// <see cref="Narrow"/> cheapest edges and the edge <paramref name="placed"/> gave it, so that
        /// the bidders can all be placed on those edges alone.
        /// </summary>
        public static Market Of(int[] start, int[] edgeOffer, long[] edgeCost, int[] capacity, int[] placed, int[] bidder, long pairingWeight)
        {
            var bidders = bidder.Length;
            var rowStart = new int[bidders];
            var rowEnd = new int[bidders];
            // No two ways of placing the bidders differ in total distance by more than the sum of each
            // bidder's nearest-to-farthest spread, so one more than that is enough to make continuity win.
            var spread = 0L;
            var longest = 0L;
            for (var b = 0; b < bidders; b++)
            {
                var d = bidder[b];
                var at = rowStart[b] = start[d];
                var (nearest, farthest) = (long.MaxValue, 0L);
                for (var e = start[d]; e < start[d + 1]; e++)
                {
                    if (capacity[edgeOffer[e]] > 0)
                    {
                        (edgeOffer[at], edgeCost[at]) = (edgeOffer[e], edgeCost[e]);
                        at++;
                        var metres = edgeCost[e] % pairingWeight;
                        (nearest, farthest) = (Math.Min(nearest, metres), Math.Max(farthest, metres));
                    }
                }

                rowEnd[b] = at;
                spread += farthest - Math.Min(nearest, farthest);
                longest = Math.Max(longest, farthest);
            }

            var scale = new CostScale(pairingWeight, spread + 1);
            var width = new int[bidders];
            var largest = 0L;
            for (var b = 0; b < bidders; b++)
            {
                var row = rowStart[b]..rowEnd[b];
                for (var e = rowStart[b]; e < rowEnd[b]; e++)
                {
                    edgeCost[e] = scale.Of(edgeCost[e]);
                    largest = Math.Max(largest, edgeCost[e]);
                }

                edgeCost.AsSpan(row).Sort(edgeOffer.AsSpan(row));
                width[b] = Math.Min(Narrow, rowEnd[b] - rowStart[b]);
                var given = Array.IndexOf(edgeOffer, placed[bidder[b]], rowStart[b], rowEnd[b] - rowStart[b]);
                if (given >= rowStart[b] + width[b])
                {
                    var last = rowStart[b] + width[b]++;
                    (edgeOffer[last], edgeOffer[given]) = (edgeOffer[given], edgeOffer[last]);
                    (edgeCost[last], edgeCost[given]) = (edgeCost[given], edgeCost[last]);
                }
            }

            var slotStart = new int[capacity.Length + 1];
            for (var o = 0; o < capacity.Length; o++)
            {
                slotStart[o + 1] = slotStart[o] + capacity[o];
            }

            return new(rowStart, rowEnd, edgeOffer, edgeCost, width, slotStart, largest, longest);
        }
    }

    /// <summary>
    /// Costs in metres on a scale where continuing a pairing still outweighs any difference in total
    /// distance between two ways of placing the bidders (<paramref name="NotPaired"/>), far below the
    /// round's own weight: a price war climbs through a range only this wide.
    /// </summary>
    private readonly record struct CostScale(long PairingWeight, long NotPaired)
    {
        public long Of(long edgeCost) => edgeCost >= PairingWeight ? NotPaired + edgeCost - PairingWeight : edgeCost;
    }
}
