namespace Brokering.Benchmarks.Tests;

/// <summary>
/// The chaos bench's checker, on histories written by hand: a run where every promise was kept
/// passes, and each broken promise is reported, including ones the final database state hides.
/// </summary>
public sealed class ChaosCheckTests
{
    [Fact]
    public void A_history_in_which_every_promise_was_kept_passes()
    {
        var story = new Story();
        var offer = story.Offer(portions: 2);
        var first = story.Book(offer, sent: 1.0, answered: 1.1);
        story.Book(offer, sent: 1.2, answered: 1.3);
        story.Cancel(first, sent: 2.0, answered: 2.1);
        story.Book(offer, sent: 2.2, answered: 2.3);
        story.ReadOffer(offer, sent: 3.0, answered: 3.1, taken: 2);

        Assert.Empty(story.Check());
    }

    [Fact]
    public void Two_bookings_told_to_clients_at_once_for_one_portion_are_oversold_even_if_one_is_cancelled_later()
    {
        var story = new Story();
        var offer = story.Offer(portions: 1);
        var first = story.Book(offer, sent: 1.0, answered: 1.1);
        story.Book(offer, sent: 1.5, answered: 1.6);
        story.Cancel(first, sent: 3.0, answered: 3.1);

        var found = story.Check();

        Assert.Contains(found, v => v.Check == "never oversold" && v.What.Contains("2 bookings confirmed to clients were live together", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cancellation_that_gave_back_two_portions_is_reported()
    {
        var story = new Story();
        var offer = story.Offer(portions: 3);
        var booking = story.Book(offer, sent: 1.0, answered: 1.1);
        story.Book(offer, sent: 1.2, answered: 1.3);
        story.Cancel(booking, sent: 2.0, answered: 2.1);
        story.PortionsLeft[offer] = 3;

        Assert.Contains(story.Check(), v => v.Check == "a cancellation gives back one portion");
    }

    [Fact]
    public void A_booking_confirmed_to_a_client_but_not_stored_is_reported()
    {
        var story = new Story();
        var offer = story.Offer(portions: 2);
        var booking = story.Book(offer, sent: 1.0, answered: 1.1);
        story.Forget(booking);

        Assert.Contains(story.Check(), v => v.Check == "confirmed bookings are kept" && v.What.Contains("not stored", StringComparison.Ordinal));
    }

    [Fact]
    public void A_booking_stored_that_no_client_was_told_of_is_reported_unless_its_client_gave_up_asking()
    {
        var story = new Story();
        var offer = story.Offer(portions: 3);
        story.Stored(offer, key: "nobody-asked");
        story.Stored(offer, key: story.GaveUp(offer, sent: 1.0));

        var found = story.Check().Where(v => v.Check == "no booking nobody asked for").ToList();

        Assert.Single(found);
    }

    [Fact]
    public void A_retry_given_another_booking_than_its_key_holds_is_reported()
    {
        var story = new Story();
        var offer = story.Offer(portions: 2);
        story.Outage(start: 0.5, end: 2.0);
        var booking = story.Book(offer, sent: 1.0, answered: 1.1, retried: true);
        var key = story.KeyOf(booking);
        // The first attempt was saved and its answer lost; the retry made a second booking and was told of that one.
        story.StoredKeyOf(booking, "another-key");
        story.Stored(offer, key);

        Assert.Contains(story.Check(), v => v.Check == "one booking per Idempotency-Key");
    }

    [Fact]
    public void A_500_is_always_a_violation_and_a_503_only_outside_an_outage()
    {
        var story = new Story();
        var offer = story.Offer(portions: 5);
        story.Outage(start: 10, end: 14);
        story.Book(offer, sent: 11.0, answered: 11.1, firstAnswer: 503);
        story.Book(offer, sent: 15.5, answered: 15.6, firstAnswer: 503);
        story.Book(offer, sent: 30.0, answered: 30.1, firstAnswer: 503);
        story.Book(offer, sent: 40.0, answered: 40.1, firstAnswer: 500);

        var found = story.Check();

        Assert.Single(found, v => v.Check == "errors only in outages");
        Assert.Contains("sent at 30.00 s", found.Single(v => v.Check == "errors only in outages").What, StringComparison.Ordinal);
        Assert.Single(found, v => v.Check == "no 500s");
    }

    [Fact]
    public void A_confirmed_booking_whose_messages_never_went_out_is_reported()
    {
        var story = new Story();
        var offer = story.Offer(portions: 2);
        var booking = story.Book(offer, sent: 1.0, answered: 1.1);
        story.Unsent(booking);

        Assert.Contains(story.Check(), v => v.Check == "messages go out once" && v.What.Contains("never went out", StringComparison.Ordinal));
    }

    [Fact]
    public void A_confirmation_stored_twice_under_different_references_is_reported()
    {
        var story = new Story();
        var offer = story.Offer(portions: 2);
        story.SendTwice(story.Book(offer, sent: 1.0, answered: 1.1));

        Assert.Contains(story.Check(), v => v.Check == "messages go out once" && v.What.Contains("under different references", StringComparison.Ordinal));
    }

    [Fact]
    public void An_offer_read_showing_fewer_portions_taken_than_bookings_certainly_live_is_reported()
    {
        var story = new Story();
        var offer = story.Offer(portions: 4);
        story.Book(offer, sent: 1.0, answered: 1.1);
        story.Book(offer, sent: 1.2, answered: 1.3);
        story.ReadOffer(offer, sent: 2.0, answered: 2.1, taken: 1);

        Assert.Contains(story.Check(), v => v.Check == "reads agree with answers");
    }

    [Fact]
    public void A_booking_read_as_confirmed_after_its_cancellation_was_acknowledged_is_reported()
    {
        var story = new Story();
        var offer = story.Offer(portions: 2);
        var booking = story.Book(offer, sent: 1.0, answered: 1.1);
        story.Cancel(booking, sent: 2.0, answered: 2.1);
        story.ReadBooking(booking, sent: 3.0, answered: 3.1, status: "confirmed");

        Assert.Contains(story.Check(), v => v.Check == "reads agree with answers" && v.What.Contains("knew it cancelled", StringComparison.Ordinal));
    }

    /// <summary>A history and the database it left, built up by what clients did.</summary>
    private sealed class Story
    {
        private readonly ChaosHistory _history = new();
        private readonly Dictionary<Guid, int> _portions = [];
        private readonly List<StoredBooking> _bookings = [];
        private readonly List<StoredMessage> _messages = [];
        private readonly List<Guid> _lines = [];

        public Dictionary<Guid, int> PortionsLeft { get; } = [];

        public Guid Offer(int portions)
        {
            var id = Guid.NewGuid();
            _portions[id] = portions;
            return id;
        }

        public void Outage(double start, double end) => _history.Faults.Enqueue(new Fault("API 1 SIGKILLed", start, end, ClientsMayNotice: true));

        /// <summary>A booking confirmed at <paramref name="answered"/>, stored with its confirmations sent.</summary>
        public Guid Book(Guid offer, double sent, double answered, bool retried = false, int? firstAnswer = null)
        {
            var diner = Guid.NewGuid();
            var op = _history.Begin(0, OperationKind.Book, offer, diner: diner, key: Guid.NewGuid().ToString("N"));
            var booking = Guid.NewGuid();
            if (retried || firstAnswer is not null)
            {
                op.Attempts.Add(new Attempt(0, sent, sent + 0.01, firstAnswer ?? 0, firstAnswer is null ? "connection failed" : null));
            }

            op.Attempts.Add(new Attempt(1, sent + 0.02, answered, 201, BookingId: booking, BookingStatus: "confirmed"));
            op.Booking = booking;
            op.AcknowledgedAt = answered;
            Stored(offer, op.Key, booking, diner);
            return booking;
        }

        public void Cancel(Guid booking, double sent, double answered)
        {
            var stored = _bookings.Single(b => b.Id == booking);
            var op = _history.Begin(0, OperationKind.Cancel, stored.Offer, booking);
            op.Attempts.Add(new Attempt(0, sent, answered, 200, BookingId: booking, BookingStatus: "cancelled"));
            op.AcknowledgedAt = answered;
            _bookings[_bookings.IndexOf(stored)] = stored with { Status = "Cancelled" };
            Messages(booking, "BookingCancelled");
        }

        /// <summary>A booking asked for whose answer never came: the client gave up.</summary>
        public string GaveUp(Guid offer, double sent)
        {
            var op = _history.Begin(0, OperationKind.Book, offer, diner: Guid.NewGuid(), key: Guid.NewGuid().ToString("N"));
            op.Attempts.Add(new Attempt(0, sent, sent + 8, 0, "timeout"));
            _history.Faults.Enqueue(new Fault("PostgreSQL restarted", sent, sent + 9, ClientsMayNotice: true));
            return op.Key!;
        }

        public void ReadOffer(Guid offer, double sent, double answered, int taken)
        {
            var op = _history.Begin(0, OperationKind.ReadOffer, offer);
            op.Attempts.Add(new Attempt(0, sent, answered, 200, Portions: _portions[offer], PortionsLeft: _portions[offer] - taken));
        }

        public void ReadBooking(Guid booking, double sent, double answered, string status)
        {
            var op = _history.Begin(0, OperationKind.ReadBooking, _bookings.Single(b => b.Id == booking).Offer, booking);
            op.Attempts.Add(new Attempt(0, sent, answered, 200, BookingId: booking, BookingStatus: status));
        }

        public void Stored(Guid offer, string? key, Guid? booking = null, Guid? diner = null)
        {
            var id = booking ?? Guid.NewGuid();
            _bookings.Add(new StoredBooking(id, offer, diner ?? Guid.NewGuid(), "Confirmed", key));
            Messages(id, "BookingConfirmed");
        }

        public string KeyOf(Guid booking) => _bookings.Single(b => b.Id == booking).Key!;

        public void StoredKeyOf(Guid booking, string key)
        {
            var stored = _bookings.Single(b => b.Id == booking);
            _bookings[_bookings.IndexOf(stored)] = stored with { Key = key };
        }

        public void Forget(Guid booking) => _bookings.RemoveAll(b => b.Id == booking);

        public void Unsent(Guid booking) => _lines.RemoveAll(id => _messages.Any(m => m.Id == id && m.Subject == booking));

        public void SendTwice(Guid booking) => Messages(booking, "BookingConfirmed");

        public List<Violation> Check()
        {
            var offers = _portions.ToDictionary(p => p.Key, p => new StoredOffer(p.Key, p.Value,
                PortionsLeft.TryGetValue(p.Key, out var left) ? left : p.Value - _bookings.Count(b => b.Offer == p.Key && b.Status != "Cancelled"), "Open"));
            var state = new StoredState(offers, _bookings, _messages, _messages.Select(m => m.Id).ToHashSet(), _lines);
            return ChaosCheck.Run(_history, state);
        }

        private void Messages(Guid booking, string kind)
        {
            foreach (var (role, channel) in new[] { ("Diner", "Sms"), ("Cook", "Email") })
            {
                var message = new StoredMessage(Guid.NewGuid(), booking, kind, role, role == "Diner" ? "diner-1" : "cook-1", channel, "Sent", Due: true);
                _messages.Add(message);
                _lines.Add(message.Id);
            }
        }
    }
}
