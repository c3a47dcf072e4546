namespace Brokering.Domain;

/// <summary>
/// One identity that owns its state. <see cref="Version"/> is the optimistic-concurrency token:
/// persistence bumps it on every save and refuses a save made from a stale copy.
/// </summary>
public abstract class Aggregate
{
    public Guid Id { get; protected init; } = Guid.CreateVersion7();
    public int Version { get; private set; }
}

/// <summary>Something that belongs to exactly one council, which is its tenant.</summary>
public interface ICouncilOwned
{
    Guid CouncilId { get; }
}
