using Microsoft.EntityFrameworkCore.Migrations;

namespace Brokering.Migrations.Postgres;

/// <summary>
/// The audit log is append-only in the database itself, not only in the application: any UPDATE,
/// DELETE or TRUNCATE of an entry is refused, whoever sends it. Deployments should also grant the
/// service's role only INSERT and SELECT on the table. EF's model cannot describe triggers, so the
/// baseline adds them by hand.
/// </summary>
public static class AuditTriggers
{
    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "AuditEntries_AppendOnly" BEFORE UPDATE OR DELETE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "AuditEntries_NoTruncate" BEFORE TRUNCATE ON "AuditEntries"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
            """);
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER \"AuditEntries_NoTruncate\" ON \"AuditEntries\";");
        migrationBuilder.Sql("DROP TRIGGER \"AuditEntries_AppendOnly\" ON \"AuditEntries\";");
        migrationBuilder.Sql("DROP FUNCTION audit_entries_append_only();");
    }
}
