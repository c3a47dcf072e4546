using Microsoft.EntityFrameworkCore.Migrations;

namespace Brokering.Migrations.Sqlite;

/// <summary>
/// The audit log is append-only in the database itself, not only in the application: any UPDATE
/// or DELETE of an entry is refused, whoever sends it. EF's model cannot describe triggers, so the
/// baseline adds them by hand.
/// </summary>
public static class AuditTriggers
{
    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries"
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be removed'); END;
            """);
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER \"AuditEntries_NoUpdate\";");
        migrationBuilder.Sql("DROP TRIGGER \"AuditEntries_NoDelete\";");
    }
}
