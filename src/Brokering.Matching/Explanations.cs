using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Brokering.Domain;
using Brokering.Domain.Councils;
using Brokering.Domain.Offers;

namespace Brokering.Matching;

/// <summary>
/// The reasons a proposal carries and a diner is left without, in words a coordinator can check and
/// act on. One instance per round: most sentences are said of many diners, so each is made once in a
/// round and shared by all who are told it.
/// </summary>
internal sealed class Explanations(OfferIndex index)
{
    private readonly ConcurrentDictionary<(double Km, double CookKm, double CouncilKm), string> _distances = new();
    private readonly ConcurrentDictionary<(Said, long), string> _phrases = new();
    private readonly ConcurrentDictionary<GroupKey, Wording> _wordings = new();
    private readonly Wording _needed = Verb("is", "are", "suitable, but every portion was needed for diners continuing a pairing, waiting longer, or with no other offer");

    private OfferIndex Index => index;

    public Proposal Propose(DinerToMatch diner, int offer)
    {
        var o = index[offer];
        var km = o.Location.DistanceKmTo(diner.Location);
        var paired = index.IsPaired(offer, diner);
        var council = index.CouncilOf(diner.CouncilId);
        var meets = diner.Requires != Diets.None;
        var shares = o.CouncilId != diner.CouncilId;

        // An array of exactly the reasons given: a national round makes 600,000 of them.
        var reasons = new string[5 + (meets ? 1 : 0) + (shares ? 1 : 0)];
        reasons[0] = Distance(km, o.CookRadiusKm, index.CouncilMaxKm(council));
        reasons[1] = paired
            ? "continues an existing pairing with this cook"
            : "first meal with this cook: an introduction visit comes first";
        reasons[2] = Phrase(Said.Waited, Math.Max(0, (int)(index.Request.Now - diner.WaitingSince).TotalDays));
        reasons[3] = Phrase(Said.ChecksValid, index.Request.DeliveryDate.DayNumber);
        reasons[4] = Phrase(Said.Avoids, (long)diner.Avoids);
        if (meets)
        {
            reasons[5] = Phrase(Said.Meets, (long)diner.Requires);
        }

        if (shares)
        {
            reasons[^1] = "cook's council shares with the diner's council";
        }

        return new Proposal(o.OfferId, diner.DinerId, o.CookId, Math.Round(km, 2), paired, reasons);
    }

    // Said to a tenth of a kilometre, so a few dozen sentences serve every proposal of a round.
    private string Distance(double km, double cookKm, double councilKm) =>
        _distances.GetOrAdd((Math.Round(km, 1, MidpointRounding.AwayFromZero), cookKm, councilKm), static key =>
            $"{Eligibility.Km(key.Km)} km away, within the cook's {Eligibility.Km(key.CookKm)} km radius and the council's {Eligibility.Km(key.CouncilKm)} km maximum");

    private enum Said
    {
        Waited,
        ChecksValid,
        Avoids,
        Meets,
    }

    private string Phrase(Said said, long value) => _phrases.GetOrAdd((said, value), static key => key.Item1 switch
    {
        Said.Waited => $"diner has waited {Days(key.Item2)} since their last meal (or referral)",
        Said.ChecksValid => $"cook approved, with every required check valid on {DateOnly.FromDayNumber((int)key.Item2):yyyy-MM-dd}",
        Said.Avoids => key.Item2 == 0
            ? "diner avoids no allergens"
            : $"offer declares all 14 allergens and contains none of {Eligibility.List((Allergens)key.Item2)}",
        _ => $"offer meets {Eligibility.List((Diets)key.Item2)}",
    });

    public static UnmatchedDiner WhyInactive(DinerToMatch diner) =>
        new(diner.DinerId, [$"diner is {Names.Of(diner.Status)}, not approved and active"]);

    /// <summary>
    /// Why each diner of <paramref name="cell"/> was left out, from the offers in <paramref name="near"/>:
    /// every offer within reach of any of them must be in it. A diner with no suitable offer in reach
    /// is told of the nearest beyond it (see <see cref="NearestBeyondReach"/>).
    /// </summary>
    public void WhyUnmatched(IReadOnlyList<DinerToMatch> diners, DinerCell cell, Neighbourhood near, UnmatchedDiner?[] why, Neighbourhood? everyOffer = null)
    {
        // Diners of one council with the same needs get the same verdict from each offer but for
        // distance, so each offer is judged once for them all and each diner only measures.
        var alike = new List<(DinerToMatch First, bool Shared, List<int> Diners)>();
        foreach (var d in cell.Diners)
        {
            var diner = diners[d];
            var shared = index.LinksOf(diner).ExcludedOffers.Length == 0;
            var group = shared ? FirstAlike(diner) : -1;
            if (group < 0)
            {
                alike.Add((diner, shared, [d]));
            }
            else
            {
                alike[group].Diners.Add(d);
            }
        }

        var sameCell = false;
        foreach (var (first, _, members) in alike)
        {
            var verdicts = Verdicts.Of(this, first, near, sameCell);
            sameCell = true;
            if (members.Count >= Verdicts.SortFromDiners)
            {
                verdicts.SortByReach(near, cell.Centre);
            }

            foreach (var d in members)
            {
                var diner = diners[d];
                var (reasons, anySuitable) = verdicts.InRange(diner, cell.At[d], near, cell.Centre);
                if (!anySuitable)
                {
                    reasons.Add(NearestBeyondReach(diner, cell, everyOffer)
                        ?? $"no suitable offer within {Eligibility.Km(CouncilPolicy.UpperLimitKm)} km on {index.Request.DeliveryDate:yyyy-MM-dd}");
                }

                why[d] = new(diner.DinerId, reasons);
            }
        }

        // A loop rather than FindIndex with a lambda, which would allocate a closure for every diner.
        // A diner with exclusions is alike no one: their group is theirs alone.
        int FirstAlike(DinerToMatch diner)
        {
            for (var g = 0; g < alike.Count; g++)
            {
                var (first, shared, _) = alike[g];
                if (shared && first.CouncilId == diner.CouncilId && first.Avoids == diner.Avoids && first.Requires == diner.Requires)
                {
                    return g;
                }
            }

            return -1;
        }
    }

    /// <summary>
    /// What every offer of a neighbourhood says to diners of one council with the same needs, apart
    /// from distance: its limit, and its verdict as a number: -1 for an offer of another scheme, 0 for
    /// a suitable one, and <c>g + 1</c> for one failing in the words of group <c>g</c>. One instance
    /// per thread, refilled for each set of diners.
    /// </summary>
    private sealed class Verdicts
    {
        [ThreadStatic]
        private static Verdicts? _mine;

        private readonly List<(GroupKey Key, Wording What)> _groups = [];
        private readonly List<(int Count, Wording What)> _counted = [];
        private Explanations? _said;
        private int[] _verdict = new int[64];
        private double[] _limitKm = new double[64];
        private double[] _limitCloseness = new double[64];
        private readonly List<int> _inScheme = [];
        private int _schemeCouncil;
        private int[] _counts = new int[8];

        // The table of facts seen (see Fill): 2^SeenBits slots, each the last facts seen there (0
        // for none: every fact's key is nonzero) and their verdict.
        private const int SeenBits = 6;
        private const ulong SeenSpread = 0x9E3779B97F4A7C15;
        private readonly long[] _seenFacts = new long[1 << SeenBits];
        private readonly int[] _seenVerdict = new int[1 << SeenBits];

        // With many diners alike in one cell, the offers of a scheme sorted by how far inside their
        // limit they lie from the cell's centre, and counts of each verdict among the first k of them.
        private bool _sorted;
        private int _inOrder;
        private int[] _order = new int[64];
        private double[] _slackKm = new double[64];
        private int[] _prefix = new int[64];

        /// <summary>Diners alike in one cell from which sorting the offers pays for itself.</summary>
        public const int SortFromDiners = 16;

        // Distances measured two ways agree to far better than this; within it of a limit, an offer is judged exactly.
        private const double MarginKm = 0.001;

        // sameCell: the last call was for other diners of the same cell, with the same offers.
        public static Verdicts Of(Explanations said, DinerToMatch diner, Neighbourhood near, bool sameCell)
        {
            var verdicts = _mine ??= new Verdicts();
            verdicts.Fill(said, diner, near, sameCell);
            return verdicts;
        }

        private void Fill(Explanations said, DinerToMatch diner, Neighbourhood near, bool sameCell)
        {
            if (_verdict.Length < near.Count)
            {
                _verdict = new int[near.Count];
                _limitKm = new double[near.Count];
                _limitCloseness = new double[near.Count];
                sameCell = false;
            }

            _said = said;
            var index = said.Index;
            _sorted = false;
            _groups.Clear();
            var council = index.CouncilOf(diner.CouncilId);

            // The diners of a cell fall into several sets alike, mostly of one council: which offers
            // are of their scheme, and within what limit, is found once for them all.
            if (!sameCell || council != _schemeCouncil)
            {
                _schemeCouncil = council;
                _inScheme.Clear();
                for (var i = 0; i < near.Count; i++)
                {
                    if (index.Limit(council, near.Offer[i], out _limitKm[i], out _limitCloseness[i]))
                    {
                        _inScheme.Add(i);
                    }
                    else
                    {
                        _verdict[i] = -1;
                    }
                }
            }

            // Offers with the same facts get the same verdict, unless it names the cook (one who cannot
            // be matched, or is excluded for this diner): a small table remembers the verdict of the
            // facts last seen in each of its slots, so most offers are judged by one comparison.
            var excluded = index.LinksOf(diner).ExcludedOffers;
            var remember = excluded.Length == 0;
            Array.Clear(_seenFacts);
            foreach (var i in _inScheme)
            {
                var offer = near.Offer[i];
                var seen = index.FactKey(offer);
                if (remember && (seen & RuleFacts.MatchableBit) != 0)
                {
                    var slot = (int)(((ulong)seen * SeenSpread) >> (64 - SeenBits));
                    if (_seenFacts[slot] != seen)
                    {
                        _seenFacts[slot] = seen;
                        _seenVerdict[slot] = VerdictOf(said, diner, excluded, offer);
                    }

                    _verdict[i] = _seenVerdict[slot];
                }
                else
                {
                    _verdict[i] = VerdictOf(said, diner, excluded, offer);
                }
            }

            if (_counts.Length <= _groups.Count)
            {
                _counts = new int[2 * _groups.Count + 1];
            }
        }

        // 0 for a suitable offer, or g + 1 for one failing in the words of group g, added if new.
        private int VerdictOf(Explanations said, DinerToMatch diner, int[] excluded, int offer)
        {
            var verdict = said.Index.JudgeBeyondDistance(diner, excluded, offer);
            if (verdict == Verdict.Eligible)
            {
                return 0;
            }

            var key = GroupOf(verdict, said.Index, offer, diner);
            var found = 0;
            while (found < _groups.Count && _groups[found].Key != key)
            {
                found++;
            }

            if (found == _groups.Count)
            {
                _groups.Add((key, said._wordings.GetOrAdd(key, What)));
            }

            return found + 1;
        }

        /// <summary>
        /// Sorts the offers of the diners' scheme by their distance from <paramref name="centre"/> less
        /// their limit. A diner <c>δ</c> km from the centre is then certainly within the limit of every
        /// offer whose slack is at most <c>-δ</c>, and certainly beyond that of every offer whose slack
        /// exceeds <c>δ</c>, so only the offers between are measured.
        /// </summary>
        public void SortByReach(Neighbourhood near, GeoPoint centre)
        {
            if (_order.Length < near.Count)
            {
                _order = new int[near.Count];
                _slackKm = new double[near.Count];
            }

            var from = UnitVector.Of(centre);
            _inOrder = 0;
            for (var i = 0; i < near.Count; i++)
            {
                if (_verdict[i] >= 0)
                {
                    _order[_inOrder] = i;
                    _slackKm[_inOrder++] = from.DistanceKmTo(new UnitVector(near.X[i], near.Y[i], near.Z[i])) - _limitKm[i];
                }
            }

            _slackKm.AsSpan(0, _inOrder).Sort(_order.AsSpan(0, _inOrder));
            var verdicts = _groups.Count + 1;
            if (_prefix.Length < (_inOrder + 1) * verdicts)
            {
                _prefix = new int[2 * (_inOrder + 1) * verdicts];
            }

            Array.Clear(_prefix, 0, verdicts);
            for (var k = 0; k < _inOrder; k++)
            {
                Array.Copy(_prefix, k * verdicts, _prefix, (k + 1) * verdicts, verdicts);
                _prefix[((k + 1) * verdicts) + _verdict[_order[k]]]++;
            }

            _sorted = true;
        }

        /// <summary>What is wrong with each offer in reach of this diner, counted by reason; and whether any was suitable after all.</summary>
        public (List<string> Reasons, bool AnySuitable) InRange(DinerToMatch diner, UnitVector at, Neighbourhood near, GeoPoint centre)
        {
            var (x, y, z, verdicts, counts) = (near.X, near.Y, near.Z, _verdict, _counts);
            int inRange;
            if (_sorted)
            {
                var offCentreKm = diner.Location.DistanceKmTo(centre);
                var certainlyIn = FirstAbove(-offCentreKm - MarginKm);
                var perhaps = FirstAbove(offCentreKm + MarginKm);
                Array.Copy(_prefix, certainlyIn * (_groups.Count + 1), counts, 0, _groups.Count + 1);
                inRange = certainlyIn;
                for (var k = certainlyIn; k < perhaps; k++)
                {
                    var i = _order[k];
                    var reaches = Reaches(i, at.Closeness(x[i], y[i], z[i]), diner, near);
                    inRange += reaches;
                    counts[verdicts[i]] += reaches;
                }
            }
            else
            {
                Array.Clear(counts, 0, _groups.Count + 1);
                inRange = 0;
                for (var i = 0; i < near.Count; i++)
                {
                    var verdict = verdicts[i];
                    if (verdict >= 0)
                    {
                        var reaches = Reaches(i, at.Closeness(x[i], y[i], z[i]), diner, near);
                        inRange += reaches;
                        counts[verdict] += reaches;
                    }
                }
            }

            var counted = _counted;
            counted.Clear();
            for (var g = 0; g < _groups.Count; g++)
            {
                if (_counts[g + 1] > 0)
                {
                    counted.Add((_counts[g + 1], _groups[g].What));
                }
            }

            // Most offers first, then alphabetically, so equal inputs give equal words.
            counted.Sort((x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : string.CompareOrdinal(x.What.One, y.What.One));
            var reasons = new List<string>(counted.Count + 1);
            foreach (var (count, what) in counted)
            {
                reasons.Add(what.Counted(count, inRange));
            }

            var eligible = _counts[0];
            if (eligible > 0)
            {
                reasons.Add(_said!._needed.Counted(eligible, inRange));
            }

            return (reasons, eligible > 0);
        }

        // 1 if offer i of the neighbourhood, at this closeness to the diner, is within its limit of
        // them, else 0: asked of every offer of the scheme for most unmatched diners, so inlined there.
        // Offers fall on either side of their limits as if at random, so the answer is a number, not a
        // branch the processor would guess wrong for about half of them; only an offer within rounding
        // error of its limit is measured again, and only then is its record read.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int Reaches(int i, double closeness, DinerToMatch diner, Neighbourhood near)
        {
            var limitCloseness = _limitCloseness[i];
            return UnitVector.NearLimit(closeness, limitCloseness)
                ? (UnitVector.Within(closeness, _limitKm[i], limitCloseness, diner.Location, _said!.Index[near.Offer[i]]) ? 1 : 0)
                : UnitVector.ClearlyWithin(closeness, limitCloseness);
        }

        // How many sorted offers have a slack of at most this.
        private int FirstAbove(double slackKm)
        {
            var (low, high) = (0, _inOrder);
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                (low, high) = _slackKm[middle] <= slackKm ? (middle + 1, high) : (low, middle);
            }

            return low;
        }
    }

    // Most diners out of reach have a suitable offer within the first search; the rest need the second.
    private static readonly double[] NearestSearchKm = [10, CouncilPolicy.UpperLimitKm];

    // A scheme with no more offers than this is read whole rather than through the spatial groups.
    private const int ReadWholeScheme = 4096;

    /// <summary>
    /// The nearest suitable offer beyond reach and the limit it is beyond. Only offers of the diner's
    /// scheme (their council and those sharing with it) can count: a small scheme is read whole, a
    /// large one within widening limits around the diner's cell (an offer found within a limit is
    /// nearer than any outside it). With <paramref name="everyOffer"/>, every offer is read.
    /// </summary>
    private string? NearestBeyondReach(DinerToMatch diner, DinerCell cell, Neighbourhood? everyOffer)
    {
        if (everyOffer is not null)
        {
            var all = new NearestSuitable(index, diner, CouncilPolicy.UpperLimitKm);
            all.Consider(everyOffer, offCentreKm: 0);
            return all.Words();
        }

        var council = index.CouncilOf(diner.CouncilId);
        if (council < 0)
        {
            return null;
        }

        if (index.SchemeOfferCount(council) <= ReadWholeScheme)
        {
            var nearest = new NearestSuitable(index, diner, CouncilPolicy.UpperLimitKm);
            foreach (var shared in index.SchemeCouncils(council))
            {
                foreach (var offer in index.OffersInCouncil(shared))
                {
                    nearest.Consider(offer);
                }
            }

            return nearest.Words();
        }

        var offCentreKm = diner.Location.DistanceKmTo(cell.Centre);
        var groups = Neighbourhood.Spare;
        foreach (var limitKm in NearestSearchKm)
        {
            groups.LoadGroups(index, cell.Centre, limitKm + cell.SpreadKm);
            var nearest = new NearestSuitable(index, diner, limitKm);
            nearest.Consider(groups, offCentreKm);
            if (nearest.Words() is { } words)
            {
                return words;
            }
        }

        return null;
    }

    /// <summary>
    /// The nearest offer within a limit that the diner could have were it not too far; between offers
    /// equally near, the lower numbered, so the order offers are considered in does not matter.
    /// </summary>
    private struct NearestSuitable(OfferIndex index, DinerToMatch diner, double limitKm)
    {
        private readonly int _council = index.CouncilOf(diner.CouncilId);
        private readonly int[] _excluded = index.LinksOf(diner).ExcludedOffers;
        private readonly UnitVector _at = UnitVector.Of(diner.Location);
        private int _best = -1;
        private double _bestKm = limitKm;
        private double _bestCloseness = UnitVector.ClosenessAt(limitKm);

        /// <summary>
        /// Considers the offers of the groups loaded, in their order, stopping at the first group that
        /// cannot hold an offer nearer than the best found.
        /// </summary>
        public void Consider(Neighbourhood groups, double offCentreKm)
        {
            for (var g = 0; g < groups.Groups; g++)
            {
                // A metre of margin covers the rounding of the two ways the distances were measured.
                if (groups.NearestFromGroupKm[g] - offCentreKm > _bestKm + 0.001)
                {
                    return;
                }

                var (first, end) = index.Group(groups.GroupId(g));
                for (var offer = first; offer < end; offer++)
                {
                    Consider(offer);
                }
            }
        }

        public void Consider(int offer)
        {
            var u = index.Unit(offer);
            var closeness = _at.Closeness(u.X, u.Y, u.Z);
            if (UnitVector.MayBeWithin(closeness, _bestCloseness)
                && (closeness > _bestCloseness || _best < 0 || offer < _best)
                && index.JudgeAtCloseness(diner, _council, _excluded, offer, closeness) is Verdict.OutOfReach
                && index.JudgeBeyondDistance(diner, _excluded, offer) == Verdict.Eligible
                && (_best >= 0 ? closeness >= _bestCloseness : index[offer].Location.DistanceKmTo(diner.Location) <= _bestKm))
            {
                _best = offer;
                _bestCloseness = closeness;
                _bestKm = index[offer].Location.DistanceKmTo(diner.Location);
            }
        }

        /// <summary>"nearest suitable offer is 3.4 km away; cook's radius 2.0 km", or null when none was found.</summary>
        public readonly string? Words()
        {
            if (_best < 0)
            {
                return null;
            }

            var cookRadius = index[_best].CookRadiusKm;
            var councilMax = index.CouncilMaxKm(_council);
            var limit = cookRadius <= councilMax
                ? $"cook's radius {Eligibility.Km(cookRadius)} km"
                : $"council maximum {Eligibility.Km(councilMax)} km";
            return $"nearest suitable offer is {Eligibility.Km(_bestKm)} km away; {limit}";
        }
    }

    /// <summary>Offers that fail for the same reason in the same words fall in one group.</summary>
    private readonly record struct GroupKey(Verdict Verdict, long Detail, string? Cook);

    private static GroupKey GroupOf(Verdict verdict, OfferIndex index, int offer, DinerToMatch diner) => verdict switch
    {
        Verdict.AllergenConflict => new(verdict, (long)(index.Facts(offer).Contains & diner.Avoids), null),
        Verdict.DietNotMet => new(verdict, (long)Eligibility.UnmetDiets(diner.Requires, index.Facts(offer).Diets), null),
        Verdict.CookNotMatchable => new(verdict, 0, index.CookNotMatchable(offer)),
        _ => new(verdict, 0, null),
    };

    /// <summary>What is wrong with the offers of one group.</summary>
    private static Wording What(GroupKey group) => group.Verdict switch
    {
        Verdict.CookNotMatchable => Cooks("who cannot be matched (" + group.Cook + ")"),
        Verdict.AllergenConflict => Verb("contains", "contain", $"{Eligibility.List((Allergens)group.Detail)}, which the diner avoids"),
        Verdict.AllergensNotDeclared => Verb("has", "have", "no complete allergen declaration, and the diner avoids allergens"),
        Verdict.DietNotMet => Verb("is", "are", $"not {Eligibility.List((Diets)group.Detail)}"),
        Verdict.Excluded => Cooks("recorded as excluded for this diner"),
        Verdict.NoPortionsLeft => Verb("has", "have", "no portions left"),
        _ => throw new ArgumentOutOfRangeException(nameof(group), group.Verdict, null),
    };

    private static Wording Verb(string one, string many, string rest) => new($"{one} {rest}", $"{many} {rest}");

    private static Wording Cooks(string rest) => new($"is from a cook {rest}", $"are from cooks {rest}");

    /// <summary>
    /// What a group of offers is, said of one offer and of several, and the sentences counting them
    /// made so far this round: the same few hundred counts are said of many diners.
    /// </summary>
    private sealed class Wording(string one, string many)
    {
        // Room for this many counts at a time, made when a count among them is first said.
        private const int Block = 32;

        // Sentences by how many offers are in range, then by how many of them this wording is said of,
        // in blocks: a national round says 230,000 sentences, and room for every count of every number
        // in range would be 75 MB, nearly all of it empty. Read without a lock by every thread (a
        // sentence or block made twice by two threads is the same words).
        private readonly Lock _widening = new();
        private string?[]?[]?[] _counted = new string?[]?[]?[64];

        public string One => one;

        private string Many => many;

        /// <summary>"1 offer in range is …", "2 offers in range, both are …", "2 of 5 offers in range are …".</summary>
        public string Counted(int count, int inRange)
        {
            var byInRange = _counted;
            if (inRange >= byInRange.Length)
            {
                lock (_widening)
                {
                    if (inRange >= _counted.Length)
                    {
                        var wider = new string?[]?[]?[Math.Max(2 * _counted.Length, inRange + 1)];
                        _counted.CopyTo(wider, 0);
                        _counted = wider;
                    }

                    byInRange = _counted;
                }
            }

            var blocks = byInRange[inRange] ??= new string?[]?[(inRange / Block) + 1];
            var block = blocks[count / Block] ??= new string?[Block];
            return block[count % Block] ??= count switch
            {
                1 when inRange == 1 => $"1 offer in range {One}",
                2 when inRange == 2 => $"2 offers in range, both {Many}",
                _ when count == inRange => $"{count} offers in range, all {Many}",
                1 => $"1 of {inRange} offers in range {One}",
                _ => $"{count} of {inRange} offers in range {Many}",
            };
        }
    }

    private static string Days(long days) => days == 1 ? "1 day" : $"{days.ToString(CultureInfo.InvariantCulture)} days";
}
