using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Audit;

/// <summary>
/// One read or change of a person's record by a member of staff or a volunteer: who, when, what
/// and why. The application only ever adds entries (UK GDPR accountability); none is changed or
/// removed through it.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxWhyLength = 200;

    /// <summary>The longest action or subject type: short words the service itself writes.</summary>
    public const int MaxNameLength = 20;

    private AuditEntry() { UserId = ""; Action = ""; SubjectType = ""; Why = ""; }

    public AuditEntry(DateTimeOffset at, string userId, Guid councilId, string action, string subjectType, Guid subjectId, string why)
    {
        At = at;
        UserId = userId;
        CouncilId = councilId;
        Action = action;
        SubjectType = subjectType;
        SubjectId = subjectId;
        Why = why.Length <= MaxWhyLength ? why : why[..MaxWhyLength];
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; private init; }
    public string UserId { get; private init; }
    public Guid CouncilId { get; private init; }

    /// <summary>"read" or "changed".</summary>
    public string Action { get; private init; }

    /// <summary>"diner" or "cook".</summary>
    public string SubjectType { get; private init; }
    public Guid SubjectId { get; private init; }

    /// <summary>The purpose: the reason the caller gave, or the operation that needed the record.</summary>
    public string Why { get; private init; }
}

/// <summary>Writes audit entries at once, in their own save, so a read is recorded even when nothing else is saved.</summary>
public sealed class AuditLog(BrokeringDbContext db, TimeProvider time)
{
    public const string Read = "read";
    public const string Changed = "changed";

    public async Task RecordAsync(string userId, Guid councilId, string action, string subjectType, Guid subjectId, string why, CancellationToken cancellationToken)
    {
        await db.AuditEntries.AddAsync(new AuditEntry(time.GetUtcNow(), userId, councilId, action, subjectType, subjectId, why), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public IQueryable<AuditEntry> Query() => db.AuditEntries.AsNoTracking();
}
