
namespace Brokering.Features.Persistence;

/// <summary>SQL that mends rows written before a rule was enforced, run by both providers' migrations; plain SQL both databases read alike.</summary>
public static class DataFixes
{
    /// <summary>
    /// Two first meals for a new pair booked at the same moment could each start a pairing. Before
    /// one live pairing per pair is enforced, every pair keeps its most advanced pairing (approved,
    /// then introduced, then proposed; the earliest first) and the others are ended, with the reason.
    /// </summary>
    public const string EndDuplicatePairings = """
        UPDATE "Pairings"
        SET "Status" = 'Ended', "Version" = "Version" + 1,
            "EndReason" = 'ended as a duplicate of this cook and diner''s other pairing when one live pairing per pair became the rule'
        WHERE "Id" IN (
            SELECT "Id" FROM (
                SELECT "Id", ROW_NUMBER() OVER (
                    PARTITION BY "CookId", "DinerId"
                    ORDER BY CASE "Status" WHEN 'Approved' THEN 0 WHEN 'Introduced' THEN 1 ELSE 2 END, "ProposedAt", "Id") AS "Rank"
                FROM "Pairings" WHERE "Status" <> 'Ended') AS "Ranked"
            WHERE "Rank" > 1);
        """;
}
