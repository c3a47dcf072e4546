using System.Globalization;
using Npgsql;

namespace Brokering.Benchmarks;

/// <summary>What the database held once the run had settled, for the offers the clients used.</summary>
internal sealed record StoredState(
    IReadOnlyDictionary<Guid, StoredOffer> Offers, IReadOnlyList<StoredBooking> Bookings, IReadOnlyList<StoredMessage> Messages,
    IReadOnlySet<Guid> MessageRows, IReadOnlyList<Guid> SentLines)
{
    /// <summary>Reads the offers, their bookings and those bookings' messages, every message row's id, and the ids of the messages the workers wrote out.</summary>
    public static async Task<StoredState> ReadAsync(string connection, IReadOnlyCollection<Guid> offers, string outbox)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var stored = new Dictionary<Guid, StoredOffer>();
        await foreach (var r in QueryAsync(db, """SELECT "Id", "Portions", "PortionsLeft", "Status" FROM "Offers" WHERE "Id" = ANY(@ids)""", offers))
        {
            stored[r.GetGuid(0)] = new StoredOffer(r.GetGuid(0), r.GetInt32(1), r.GetInt32(2), r.GetString(3));
        }

        var bookings = new List<StoredBooking>();
        await foreach (var r in QueryAsync(db, """SELECT "Id", "OfferId", "DinerId", "Status", "IdempotencyKey" FROM "Bookings" WHERE "OfferId" = ANY(@ids)""", offers))
        {
            bookings.Add(new StoredBooking(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
        }

        var messages = new List<StoredMessage>();
        await foreach (var r in QueryAsync(db, """
            SELECT "Id", "SubjectId", "Kind", "RecipientRole", "RecipientId", "Channel", "Status", "DueAt" <= now()
            FROM "Notifications" WHERE "SubjectId" = ANY(@ids)
            """, [.. bookings.Select(b => b.Id)]))
        {
            messages.Add(new StoredMessage(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetBoolean(7)));
        }

        var rows = new HashSet<Guid>();
        await foreach (var r in QueryAsync(db, """SELECT "Id" FROM "Notifications" """, null))
        {
            rows.Add(r.GetGuid(0));
        }

        return new StoredState(stored, bookings, messages, rows, SentLinesIn(outbox));
    }

    private static async IAsyncEnumerable<NpgsqlDataReader> QueryAsync(NpgsqlConnection db, string sql, IReadOnlyCollection<Guid>? ids)
    {
        await using var command = new NpgsqlCommand(sql, db);
        if (ids is not null)
        {
            command.Parameters.AddWithValue("ids", ids.ToArray());
        }

        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            yield return reader;
        }
    }

    /// <summary>
    /// The id of every message line the workers' file provider wrote. A worker killed mid-write can
    /// leave a torn last line; its message was not acknowledged, so it is sent again whole.
    /// </summary>
    private static List<Guid> SentLinesIn(string outbox)
    {
        var ids = new List<Guid>();
        if (!Directory.Exists(outbox))
        {
            return ids;
        }

        foreach (var file in Directory.EnumerateFiles(outbox, "*.jsonl", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(file))
            {
                try
                {
                    if (System.Text.Json.Nodes.JsonNode.Parse(line)?["id"]?.GetValue<Guid>() is { } id)
                    {
                        ids.Add(id);
                    }
                }
                catch (System.Text.Json.JsonException)
                {
                }
            }
        }

        return ids;
    }
}

internal sealed record StoredOffer(Guid Id, int Portions, int PortionsLeft, string Status);

internal sealed record StoredBooking(Guid Id, Guid Offer, Guid Diner, string Status, string? Key);

internal sealed record StoredMessage(Guid Id, Guid Subject, string Kind, string Role, string Recipient, string Channel, string Status, bool Due);

/// <summary>A promise broken: which check, what happened, and the operations or rows that show it.</summary>
internal sealed record Violation(string Check, string What);

/// <summary>
/// Reads a run's history beside what the database holds afterwards and lists every broken promise.
/// Times in the history are when a client sent a request and when it had the answer, so a change
/// took effect somewhere between the two; each check uses only what those bounds make certain, so
/// a violation it reports happened in every order the service could have run the requests in.
/// </summary>
internal static class ChaosCheck
{
    /// <summary>Errors this soon after a part answers again still belong to its outage (connections being made again).</summary>
    public const double Grace = 2.0;

    public static List<Violation> Run(ChaosHistory history, StoredState state)
    {
        var operations = history.Operations.ToList();
        var faults = history.Faults.ToList();
        var found = new List<Violation>();
        Answers(operations, faults, found);
        // Every cancellation or delivery asked for, by the booking it was asked for.
        var changes = operations.Where(o => o.Kind is OperationKind.Cancel or OperationKind.Deliver && o.Booking is not null).ToLookup(o => o.Booking!.Value);
        var lives = Lives(operations, changes);
        NeverOversold(state, lives, found);
        ReadsAgree(operations, changes, lives, found);
        ConfirmedBookingsKept(operations, changes, state, found);
        OneBookingPerKey(operations, state, found);
        MessagesWentOut(operations, state, found);
        return found;
    }

    /// <summary>Whether an attempt that got no answer, or a 503, was in flight during an outage.</summary>
    public static bool InOutage(Attempt attempt, IEnumerable<Fault> faults) =>
        faults.Any(f => f.ClientsMayNotice && attempt.Sent <= f.End + Grace && attempt.Received >= f.Start);

    private static void Answers(List<Operation> operations, List<Fault> faults, List<Violation> found)
    {
        foreach (var op in operations)
        {
            foreach (var a in op.Attempts)
            {
                if (a.Status >= 500 && a.Status != 503)
                {
                    found.Add(new("no 500s", $"{Describe(op)} answered {a.Status} at {S(a.Received)}: {a.Title}"));
                }
                else if ((a.Status is 0 or 503) && !InOutage(a, faults) && !a.Injected)
                {
                    found.Add(new("errors only in outages", $"{Describe(op)} sent at {S(a.Sent)} got {(a.Status == 0 ? a.Error : "503")} at {S(a.Received)}, outside every outage"));
                }
                else if (a.Definitive && !Expected(op, a))
                {
                    found.Add(new("expected answers", $"{Describe(op)} answered {a.Status} at {S(a.Received)}: {a.Title}"));
                }
            }
        }
    }

    private static bool Expected(Operation op, Attempt answer) => op.Kind switch
    {
        OperationKind.Book => answer.Status is 200 or 201 or 409,
        // Clients change only bookings they know are confirmed, so a change is refused only when an
        // earlier attempt whose answer never came has made it; the client then reads the booking.
        OperationKind.Cancel or OperationKind.Deliver => answer.Status == 200 || answer.Status == 409 && !ReferenceEquals(op.Attempts[0], answer),
        _ => answer.Status == 200,
    };

    /// <summary>
    /// When each confirmed booking was certainly live: from the moment its confirmation reached
    /// the client until the first request to cancel it was sent (or the end).
    /// </summary>
    private static Dictionary<Guid, (Guid Offer, double From, double To)> Lives(List<Operation> operations, ILookup<Guid, Operation> changes)
    {
        var lives = new Dictionary<Guid, (Guid, double, double)>();
        foreach (var op in operations.Where(o => o.Booked is not null))
        {
            var id = op.Booked!.Value;
            var from = op.Answer!.Received;
            if (!lives.TryGetValue(id, out var known) || from < known.Item2)
            {
                var cancels = changes[id].Where(c => c.Kind == OperationKind.Cancel).ToList();
                lives[id] = (op.Offer, from, cancels.Count == 0 ? double.PositiveInfinity : cancels.Min(c => c.Sent));
            }
        }

        return lives;
    }

    private static void NeverOversold(StoredState state, Dictionary<Guid, (Guid Offer, double From, double To)> lives, List<Violation> found)
    {
        foreach (var offer in state.Offers.Values)
        {
            var live = state.Bookings.Count(b => b.Offer == offer.Id && b.Status != "Cancelled");
            if (live > offer.Portions || offer.PortionsLeft < 0)
            {
                found.Add(new("never oversold", $"offer {offer.Id} holds {live} live bookings for {offer.Portions} portions ({offer.PortionsLeft} left)"));
            }
            else if (offer.PortionsLeft != offer.Portions - live)
            {
                found.Add(new("a cancellation gives back one portion", $"offer {offer.Id}: {offer.Portions} portions, {live} live bookings, but {offer.PortionsLeft} left"));
            }
        }

        // Bookings clients were told of at once: at every moment, no more than the offer's portions.
        foreach (var group in lives.GroupBy(l => l.Value.Offer))
        {
            var portions = state.Offers.TryGetValue(group.Key, out var o) ? o.Portions : int.MaxValue;
            var events = group.SelectMany(l => new[] { (At: l.Value.From, Step: 1, l.Key), (At: l.Value.To, Step: -1, l.Key) })
                .OrderBy(e => e.At).ThenBy(e => e.Step).ToList();
            var now = 0;
            foreach (var e in events)
            {
                now += e.Step;
                if (now > portions)
                {
                    found.Add(new("never oversold", $"offer {group.Key}: {now} bookings confirmed to clients were live together at {S(e.At)} for {portions} portions"));
                    break;
                }
            }
        }
    }

    private static void ReadsAgree(
        List<Operation> operations, ILookup<Guid, Operation> changes, Dictionary<Guid, (Guid Offer, double From, double To)> lives, List<Violation> found)
    {
        var bookingAttempts = operations.Where(o => o.Kind == OperationKind.Book).ToLookup(o => o.Offer);
        foreach (var read in operations.Where(o => o.Answer is { Status: 200 }))
        {
            var answer = read.Answer!;
            if (read.Kind == OperationKind.ReadBooking && read.Booking is { } id && lives.TryGetValue(id, out var life) && life.From < answer.Sent)
            {
                var acknowledged = changes[id].Where(c => c.AcknowledgedAt < answer.Sent).ToList();
                var untouched = !changes[id].Any(c => c.Sent < answer.Received);
                var expected = acknowledged.Count > 0 ? (acknowledged[0].Kind == OperationKind.Cancel ? "cancelled" : "delivered") : untouched ? "confirmed" : null;
                if (expected is not null && answer.BookingStatus != expected)
                {
                    found.Add(new("reads agree with answers", $"booking {id} read as {answer.BookingStatus} at {S(answer.Received)}; the clients knew it {expected}"));
                }
            }
            else if (read.Kind == OperationKind.ReadOffer && answer is { Portions: { } portions, PortionsLeft: { } left })
            {
                // Bookings certainly live throughout the read each hold a portion it must show taken.
                var certain = lives.Values.Count(l => l.Offer == read.Offer && l.From < answer.Sent && l.To > answer.Received);
                // Every portion it shows taken belongs to a booking that may have been live then.
                var possible = bookingAttempts[read.Offer].Count(b => b.Sent < answer.Received
                    && (b.Answer is null || b.Booked is { } booked && !changes[booked].Any(c => c.Kind == OperationKind.Cancel && c.AcknowledgedAt < answer.Sent)));
                if (portions - left < certain || portions - left > possible)
                {
                    found.Add(new("reads agree with answers", $"offer {read.Offer} read at {S(answer.Received)} with {portions - left} portions taken; clients held between {certain} and {possible}"));
                }
            }
        }
    }

    private static void ConfirmedBookingsKept(List<Operation> operations, ILookup<Guid, Operation> changes, StoredState state, List<Violation> found)
    {
        var stored = state.Bookings.ToDictionary(b => b.Id);
        foreach (var op in operations.Where(o => o.Booked is not null))
        {
            var id = op.Booked!.Value;
            if (!stored.TryGetValue(id, out var booking))
            {
                found.Add(new("confirmed bookings are kept", $"{Describe(op)} was confirmed as {id} at {S(op.Answer!.Received)}, which is not stored"));
                continue;
            }

            if (booking.Offer != op.Offer || booking.Diner != op.Diner)
            {
                found.Add(new("confirmed bookings are kept", $"{Describe(op)} was confirmed as {id}, stored for another offer or diner"));
            }

            var acknowledged = changes[id].FirstOrDefault(c => c.AcknowledgedAt is not null);
            var unsure = changes[id].Any(c => c.AcknowledgedAt is null);
            var expected = acknowledged is null ? "Confirmed" : acknowledged.Kind == OperationKind.Cancel ? "Cancelled" : "Delivered";
            if (booking.Status != expected && !(unsure && acknowledged is null))
            {
                found.Add(new("confirmed bookings are kept", $"booking {id} is stored {booking.Status}; its clients were told {expected}"));
            }
        }

        var told = operations.Where(o => o.Booked is not null).Select(o => o.Booked!.Value).ToHashSet();
        var unanswered = operations.Where(o => o.Kind == OperationKind.Book && o.Answer is null && o.Key is not null).Select(o => o.Key!).ToHashSet();
        foreach (var booking in state.Bookings.Where(b => !told.Contains(b.Id) && (b.Key is null || !unanswered.Contains(b.Key))))
        {
            found.Add(new("no booking nobody asked for", $"booking {booking.Id} on offer {booking.Offer} is stored, but no client was told of it or gave up asking"));
        }
    }

    private static void OneBookingPerKey(List<Operation> operations, StoredState state, List<Violation> found)
    {
        var byKey = state.Bookings.Where(b => b.Key is not null).ToLookup(b => b.Key!);
        foreach (var op in operations.Where(o => o.Kind == OperationKind.Book && o.Key is not null))
        {
            var given = op.Attempts.Where(a => a.BookingId is not null).Select(a => a.BookingId!.Value).Distinct().ToList();
            var kept = byKey[op.Key!].ToList();
            if (given.Count > 1 || kept.Count > 1)
            {
                found.Add(new("one booking per Idempotency-Key", $"{Describe(op)}: answers gave {string.Join(", ", given)}; stored {string.Join(", ", kept.Select(b => b.Id))}"));
            }
            else if (given.Count == 1 && kept.Count == 1 && given[0] != kept[0].Id)
            {
                found.Add(new("one booking per Idempotency-Key", $"{Describe(op)}: a retry was answered {given[0]}, but the key's booking is {kept[0].Id}"));
            }
        }
    }

    private static void MessagesWentOut(List<Operation> operations, StoredState state, List<Violation> found)
    {
        var sent = state.SentLines.ToHashSet();
        foreach (var orphan in sent.Where(id => !state.MessageRows.Contains(id)).Take(5))
        {
            found.Add(new("messages go out once", $"message {orphan} went out, but no such message was ever stored (sent from a transaction that did not commit?)"));
        }

        foreach (var twice in state.Messages.GroupBy(m => (m.Subject, m.Kind, m.Role, m.Recipient, m.Channel)).Where(g => g.Count() > 1))
        {
            found.Add(new("messages go out once", $"booking {twice.Key.Subject} has {twice.Count()} {twice.Key.Kind} messages for its {twice.Key.Role.ToLowerInvariant()} under different references"));
        }

        foreach (var message in state.Messages.Where(m => m.Due && (m.Status is "Pending" or "Failed" || m.Status == "Sent" && !sent.Contains(m.Id))))
        {
            found.Add(new("messages go out once", $"{message.Kind} to the {message.Role.ToLowerInvariant()} of booking {message.Subject} is {message.Status}{(message.Status == "Sent" ? " but never went out" : "")}"));
        }

        var messages = state.Messages.ToLookup(m => m.Subject);
        foreach (var booking in state.Bookings)
        {
            foreach (var role in new[] { "Diner", "Cook" })
            {
                var confirmed = messages[booking.Id].Where(m => m.Kind == "BookingConfirmed" && m.Role == role).ToList();
                // A confirmation still waiting when the booking was cancelled is withdrawn, not sent.
                if (confirmed.Count != 1 || !(confirmed[0].Status == "Sent" || booking.Status == "Cancelled" && confirmed[0].Status == "Cancelled"))
                {
                    found.Add(new("a confirmed booking's messages go out", $"booking {booking.Id} ({booking.Status}) has {confirmed.Count} confirmations for its {role.ToLowerInvariant()}, {string.Join(", ", confirmed.Select(m => m.Status))}"));
                }

                if (booking.Status == "Cancelled" && messages[booking.Id].Count(m => m.Kind == "BookingCancelled" && m.Role == role && m.Status == "Sent") != 1)
                {
                    found.Add(new("a confirmed booking's messages go out", $"cancelled booking {booking.Id} did not tell its {role.ToLowerInvariant()} once"));
                }
            }
        }
    }

    private static string Describe(Operation op) =>
        $"client {op.Client}'s {op.Kind switch { OperationKind.Book => "booking", OperationKind.Cancel => "cancellation", OperationKind.Deliver => "delivery", OperationKind.ReadBooking => "read of a booking", _ => "read of an offer" }} #{op.Id}";

    private static string S(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} s");
}
