namespace Brokering.Matching;

/// <summary>
/// The cheapest way to give every portion of a part to one of a fixed set of diners, when there are
/// exactly as many diners as portions: an auction with ε-scaling (Bertsekas), exact on whole costs.
/// <para>
/// Each portion has a price. A diner without a portion bids for the one that costs them least (edge
/// cost plus price), raising its price by how much more their next-best portion would cost plus ε,
/// and takes it from whoever held it. When everyone holds a portion, each holds one within ε of their
/// cheapest, so the total is within <c>n·ε</c> of the least; costs are scaled by <c>n + 1</c>, so the
/// last round, at ε = 1 on that scale, is exactly the least. Earlier rounds with a larger ε set the
/// prices roughly and quickly, so the last rounds need few bids: unlike shortest paths, no diner
/// searches the whole town when the last free portions are far away.
/// </para>
/// <para>
/// The auction usually holds the cheapest placing some rounds before ε = 1 shows it. When a round
/// ends with the same total as the one before, <see cref="Proof"/> looks for prices that show it
/// at once; if there are none, the rounds go on.
/// </para>
/// <para>
/// The portions of one offer are alike, so a diner sees one price per offer (its cheapest portion's)
/// and, for their next best, also the offer's second-cheapest portion.
/// </para>
/// </summary>
internal static class PortionAuction
{
    // How much ε shrinks from one round to the next. On the national benchmark's 245 auctions, once
    // each stopped at the first round whose placing a Proof showed to be the cheapest, 3 made 32.4M
    // bids, 4 35.3M, 5 38.7M and 6 45.4M, and 3 took the least time (before the proofs, 4 did).
    private const long Shrink = 3;

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
    /// way the last round is exact.
    /// </para>
    /// </summary>
    /// <returns>The offer given to each diner, or -1 for those <paramref name="placed"/> does not feed.</returns>
    public static int[] Cheapest(int[] start, int[] edgeOffer, long[] edgeCost, int[] capacity, int[] placed, long pairingWeight)
    {
        var bidder = Enumerable.Range(0, placed.Length).Where(d => placed[d] >= 0).ToArray();
        var market = Market.Of(start, edgeOffer, edgeCost, capacity, placed, bidder, pairingWeight);
        var edgeOf = Bid(market);

        var assigned = new int[placed.Length];
        Array.Fill(assigned, -1);
        for (var b = 0; b < bidder.Length; b++)
        {
            assigned[bidder[b]] = market.Offer[edgeOf[b]];
        }

        return assigned;
    }

    /// <summary>The auction from prices of zero.</summary>
    /// <returns>The edge each bidder holds.</returns>
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
        Proof? proof = null;
        var lastTotal = -1L;
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

            // At ε = 1 the round ends only when every bidder holds a portion within ε of the cheapest of all their edges.
            if (count == 0 && epsilon == 1)
            {
                return edgeOf;
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

            // A round that ends where the last one did has most likely found the cheapest placing:
            // the rounds below it would only bring the prices close enough to show that.
            if (count == 0)
            {
                var total = 0L;
                for (var b = 0; b < bidders; b++)
                {
                    total += cost[edgeOf[b]];
                }

                if (total == lastTotal && (proof ??= new Proof(market)).Holds(edgeOf, offerPrice))
                {
                    return edgeOf;
                }

                lastTotal = total;
            }
            else
            {
                lastTotal = -1;
            }

            epsilon = Math.Max(1, epsilon / Shrink);
        }
    }

    /// <summary>
    /// Whether a placing of every bidder is already the cheapest. It is if each offer can be given
    /// one price at which every bidder holds one of their cheapest offers: any other placing fills
    /// the same portions, so pays the same prices in all, and costs no less. Such prices exist
    /// whenever the placing is the cheapest, and are looked for from the auction's prices by
    /// lowering an offer's price whenever one of its holders would rather have another offer (the
    /// shortest paths of Bellman-Ford). A placing that is not the cheapest would lower them forever,
    /// so the search gives up after reading a few times as many edges as the bidders have.
    /// <para>
    /// On the national benchmark the auction had usually reached the cheapest placing four to six
    /// rounds before ε = 1 showed it: a fifth of its bids.
    /// </para>
    /// </summary>
    private sealed class Proof
    {
        private const int EdgesReadPerEdge = 3;

        private readonly Market _market;

        // Offer o's edges, from every bidder who has one, from _arcStart[o]: the bidder and the edge's cost.
        private readonly int[] _arcStart;
        private readonly int[] _arcBidder;
        private readonly long[] _arcCost;

        public Proof(Market market)
        {
            _market = market;
            var (rowStart, rowEnd, rowOffer, cost) = (market.Start, market.End, market.Offer, market.Cost);
            var offers = market.SlotStart.Length - 1;
            var bidders = rowStart.Length;
            _arcStart = new int[offers + 1];
            for (var b = 0; b < bidders; b++)
            {
                for (var e = rowStart[b]; e < rowEnd[b]; e++)
                {
                    _arcStart[rowOffer[e] + 1]++;
                }
            }

            for (var o = 0; o < offers; o++)
            {
                _arcStart[o + 1] += _arcStart[o];
            }

            (_arcBidder, _arcCost) = ThreadArrays<Arcs>.Mine(_arcStart[offers]);
            var at = _arcStart[..^1];
            for (var b = 0; b < bidders; b++)
            {
                for (var e = rowStart[b]; e < rowEnd[b]; e++)
                {
                    var arc = at[rowOffer[e]]++;
                    _arcBidder[arc] = b;
                    _arcCost[arc] = cost[e];
                }
            }
        }

        /// <summary>
        /// Names this thread's arrays for a proof's edges (<see cref="ThreadArrays{TUse}"/>), kept from
        /// auction to auction as the parts' rows are: new memory costs a fault for every page.
        /// </summary>
        private sealed class Arcs;

        /// <summary>Whether <paramref name="edgeOf"/>, an edge for every bidder, is the cheapest placing of all, starting from <paramref name="offerPrice"/>.</summary>
        public bool Holds(int[] edgeOf, long[] offerPrice)
        {
            var (rowStart, rowEnd, rowOffer, cost) = (_market.Start, _market.End, _market.Offer, _market.Cost);
            var bidders = rowStart.Length;
            var offers = offerPrice.Length;
            var price = (long[])offerPrice.Clone();
            var (queue, queued, head, count) = (new int[offers], new bool[offers], 0, 0);
            var (heldOffer, heldCost) = (new int[bidders], new long[bidders]);
            var edgesLeft = EdgesReadPerEdge * (long)_arcStart[offers];
            for (var b = 0; b < bidders; b++)
            {
                heldOffer[b] = rowOffer[edgeOf[b]];
                heldCost[b] = cost[edgeOf[b]];
            }

            for (var b = 0; b < bidders; b++)
            {
                var held = edgeOf[b];
                var least = long.MaxValue;
                for (var e = rowStart[b]; e < rowEnd[b]; e++)
                {
                    if (e != held)
                    {
                        least = Math.Min(least, cost[e] + price[rowOffer[e]]);
                    }
                }

                Lower(heldOffer[b], least - heldCost[b]);
            }

            while (count > 0)
            {
                var o = queue[head];
                head = head + 1 == offers ? 0 : head + 1;
                count--;
                queued[o] = false;
                for (var arc = _arcStart[o]; arc < _arcStart[o + 1]; arc++)
                {
                    var b = _arcBidder[arc];
                    if (heldOffer[b] != o)
                    {
                        Lower(heldOffer[b], _arcCost[arc] + price[o] - heldCost[b]);
                    }
                }

                edgesLeft -= _arcStart[o + 1] - _arcStart[o];
                if (edgesLeft < 0)
                {
                    return false;
                }
            }

            return true;

            // The offer's price, lowered to at most this, and if it moved, its bidders checked again.
            void Lower(int offer, long to)
            {
                if (to < price[offer])
                {
                    price[offer] = to;
                    if (!queued[offer])
                    {
                        queued[offer] = true;
                        var tail = head + count;
                        queue[tail >= offers ? tail - offers : tail] = offer;
                        count++;
                    }
                }
            }
        }
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
    /// the largest distance on the same scale, continuity's weight left out.
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

            var scale = new CostScale(pairingWeight, spread + 1, bidders + 1L);
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

            return new(rowStart, rowEnd, edgeOffer, edgeCost, width, slotStart, largest, longest * scale.Multiplier);
        }
    }

    /// <summary>
    /// Costs on a scale where continuing a pairing still outweighs any difference in total distance
    /// between two ways of placing the bidders (<paramref name="NotPaired"/>), multiplied by
    /// <paramref name="Multiplier"/> (the bidders plus one) so that ε = 1 is exact.
    /// </summary>
    private readonly record struct CostScale(long PairingWeight, long NotPaired, long Multiplier)
    {
        public long Of(long edgeCost) =>
            (edgeCost >= PairingWeight ? NotPaired + edgeCost - PairingWeight : edgeCost) * Multiplier;
    }
}
