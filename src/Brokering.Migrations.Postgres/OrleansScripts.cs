namespace Brokering.Migrations.Postgres;

/// <summary>
/// Orleans' own PostgreSQL install scripts (Orleans/, carried unmodified with their licence), run
/// into a schema of their own so Orleans' tables and functions never mix with the service's.
/// </summary>
public static class OrleansScripts
{
    /// <summary>The schema Orleans' tables live in; silos reach it through <c>Search Path=orleans</c>.</summary>
    public const string Schema = "orleans";

    /// <summary>The schema, then the main and clustering scripts inside it; the search path goes back to the default before EF records the migration.</summary>
    public static string InstallClustering() => string.Join('\n',
        $"CREATE SCHEMA {Schema};",
        $"SET LOCAL search_path TO {Schema};",
        Read("PostgreSQL-Main.sql"),
        Read("PostgreSQL-Clustering.sql"),
        "SET LOCAL search_path TO DEFAULT;");

    /// <summary>The reminders' table and queries, into the schema the clustering migration made.</summary>
    public static string InstallReminders() => string.Join('\n',
        $"SET LOCAL search_path TO {Schema};",
        Read("PostgreSQL-Reminders.sql"),
        "SET LOCAL search_path TO DEFAULT;");

    /// <summary>Takes out what <see cref="InstallReminders"/> put in, leaving clustering as it was.</summary>
    public static string UninstallReminders() => string.Join('\n',
        $"DELETE FROM {Schema}.orleansquery WHERE querykey IN ('UpsertReminderRowKey', 'ReadReminderRowsKey', 'ReadReminderRowKey', 'ReadRangeRows1Key', 'ReadRangeRows2Key', 'DeleteReminderRowKey', 'DeleteReminderRowsKey');",
        $"DROP FUNCTION {Schema}.upsert_reminder_row;",
        $"DROP FUNCTION {Schema}.delete_reminder_row;",
        $"DROP TABLE {Schema}.orleansreminderstable;");

    private static string Read(string script)
    {
        using var stream = typeof(OrleansScripts).Assembly.GetManifestResourceStream($"Brokering.Migrations.Postgres.Orleans.{script}")
            ?? throw new InvalidOperationException($"Orleans' script {script} is not embedded in {typeof(OrleansScripts).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
