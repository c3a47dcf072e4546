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
/// The portions of one offer are alike, so a diner sees one price per offer (its cheapest portion's)
/// and, for their next best, also the offer's second-cheapest portion.
/// </para>
/// </summary>
internal static class PortionAuction
{
    // How much ε shrinks from one round to the next.
    private const long Shrink = 5;

    /// <summary>
    /// Places the <paramref name="fed"/> diners (as many as there are portions, and all placeable
    /// together), on the graph of <see cref="MinCostAssignment.Assign"/>; <paramref name="pairingWeight"/>
    /// is the part of an edge's cost that marks it as not continuing a pairing.
    /// </summary>
    /// <returns>The offer given to each diner, or -1 for those not in <paramref name="fed"/>.</returns>
    public static int[] Cheapest(int[] start, int[] edgeOffer, long[] edgeCost, int[] capacity, bool[] fed, long pairingWeight)
    {
        var diners = start.Length - 1;
        var offers = capacity.Length;
        var bidders = fed.Count(f => f);
        var cost = ScaledCosts(start, edgeCost, fed, bidders, pairingWeight, out var largest);

        var slotStart = new int[offers + 1];
        for (var o = 0; o < offers; o++)
        {
            slotStart[o + 1] = slotStart[o] + capacity[o];
        }

        var price = new long[slotStart[offers]];
        var holder = new int[slotStart[offers]];
        Array.Fill(holder, -1);
        var cheapest = new int[offers];
        var second = new long[offers];
        for (var o = 0; o < offers; o++)
        {
            Reprice(o);
        }

        var slotOf = new int[diners];
        var waiting = new int[bidders];

        // A diner with one offer left bids as if their next best cost this much more: enough to win it.
        var alone = largest + 1;
        var epsilon = Math.Max(1, largest / Shrink);
        var edgeOf = new int[diners];
        Array.Fill(slotOf, -1);
        while (true)
        {
            // Diners whose portion is still within ε of their cheapest keep it; the others bid again.
            var count = 0;
            for (var d = 0; d < diners; d++)
            {
                if (!fed[d])
                {
                    continue;
                }

                if (slotOf[d] >= 0)
                {
                    var least = long.MaxValue;
                    for (var e = start[d]; e < start[d + 1]; e++)
                    {
                        if (capacity[edgeOffer[e]] > 0)
                        {
                            least = Math.Min(least, cost[e] + price[cheapest[edgeOffer[e]]]);
                        }
                    }

                    if (cost[edgeOf[d]] + price[slotOf[d]] <= least + epsilon)
                    {
                        continue;
                    }

                    holder[slotOf[d]] = -1;
                    slotOf[d] = -1;
                }

                waiting[count++] = d;
            }

            // A ring of diners without a portion: the one at the head bids, and anyone it displaces joins the tail.
            var head = 0;
            while (count > 0)
            {
                var d = waiting[head];
                head = head + 1 == bidders ? 0 : head + 1;
                count--;

                var best = long.MaxValue;
                var next = long.MaxValue;
                var bestEdge = -1;
                for (var e = start[d]; e < start[d + 1]; e++)
                {
                    var o = edgeOffer[e];
                    if (capacity[o] == 0)
                    {
                        continue;
                    }

                    var value = cost[e] + price[cheapest[o]];
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

                var offer = edgeOffer[bestEdge];
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
                holder[slot] = d;
                slotOf[d] = slot;
                edgeOf[d] = bestEdge;
                Reprice(offer);
                if (displaced >= 0)
                {
                    slotOf[displaced] = -1;
                    var tail = head + count;
                    waiting[tail >= bidders ? tail - bidders : tail] = displaced;
                    count++;
                }
            }

            if (epsilon == 1)
            {
                break;
            }

            epsilon = Math.Max(1, epsilon / Shrink);
        }

        var offerOfSlot = new int[price.Length];
        for (var o = 0; o < offers; o++)
        {
            Array.Fill(offerOfSlot, o, slotStart[o], capacity[o]);
        }

        var assigned = new int[diners];
        for (var d = 0; d < diners; d++)
        {
            assigned[d] = fed[d] ? offerOfSlot[slotOf[d]] : -1;
        }

        return assigned;

        // The offer's cheapest portion, and the price of its second cheapest (none: long.MaxValue).
        void Reprice(int o)
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
            second[o] = nextPrice;
        }
    }

    /// <summary>
    /// Costs on a scale where continuing a pairing still outweighs any total of distances among these
    /// diners, multiplied by <c>n + 1</c> so that ε = 1 is exact.
    /// </summary>
    private static long[] ScaledCosts(int[] start, long[] edgeCost, bool[] fed, int bidders, long pairingWeight, out long largest)
    {
        var metres = 0L;
        for (var d = 0; d < fed.Length; d++)
        {
            for (var e = start[d]; fed[d] && e < start[d + 1]; e++)
            {
                metres = Math.Max(metres, edgeCost[e] % pairingWeight);
            }
        }

        var notPaired = (bidders + 1L) * (metres + 1);
        var cost = new long[edgeCost.Length];
        largest = 0;
        for (var e = 0; e < edgeCost.Length; e++)
        {
            var c = edgeCost[e] >= pairingWeight ? notPaired + edgeCost[e] - pairingWeight : edgeCost[e];
            cost[e] = c * (bidders + 1L);
            largest = Math.Max(largest, cost[e]);
        }

        return cost;
    }
}
