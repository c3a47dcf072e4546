using System.Globalization;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Postcodes;

/// <summary>
/// Loads postcode centroids from an ONS Postcode Directory (ONSPD) CSV: the columns <c>pcds</c>
/// (or <c>pcd</c>), <c>lat</c> and <c>long</c> are read, and <c>doterm</c> when present.
/// Terminated postcodes and those ONS gives no position (latitude 99.999999) are skipped; a
/// postcode already in the table is updated, so a council can re-import each quarterly release.
/// </summary>
public static class PostcodeImport
{
    private const int BatchSize = 500;

    public sealed record Outcome(int Imported, int Skipped);

    public static async Task<Outcome> ImportAsync(BrokeringDbContext db, TextReader csv, CancellationToken cancellationToken)
    {
        var header = Split(await csv.ReadLineAsync(cancellationToken) ?? throw new InvalidDataException("The file is empty."));
        int Column(params string[] names) =>
            names.Select(n => Array.FindIndex(header, h => h.Equals(n, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(i => i >= 0, -1);
        var (postcodeAt, latAt, lonAt, endedAt) = (Column("pcds", "pcd", "postcode"), Column("lat", "latitude"), Column("long", "longitude"), Column("doterm"));
        if (postcodeAt < 0 || latAt < 0 || lonAt < 0)
        {
            throw new InvalidDataException("Expected an ONS Postcode Directory CSV with pcds, lat and long columns.");
        }

        var batch = new List<PostcodeCentroid>(BatchSize);
        var (imported, skipped) = (0, 0);
        while (await csv.ReadLineAsync(cancellationToken) is { } line)
        {
            var cells = Split(line);
            if (cells.Length <= Math.Max(postcodeAt, Math.Max(latAt, lonAt))
                || UkPostcode.Normalise(cells[postcodeAt]) is not { } postcode
                || (endedAt >= 0 && endedAt < cells.Length && cells[endedAt].Length > 0)
                || !double.TryParse(cells[latAt], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(cells[lonAt], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                || lat is < -90 or > 90 || lon is < -180 or > 180)
            {
                skipped++;
                continue;
            }

            batch.Add(new PostcodeCentroid(postcode, lat, lon));
            if (batch.Count == BatchSize)
            {
                imported += await SaveAsync(db, batch, cancellationToken);
            }
        }

        imported += await SaveAsync(db, batch, cancellationToken);
        return new Outcome(imported, skipped);
    }

    /// <summary>Imports the file only into an empty table: how the demo postcodes arrive on first start.</summary>
    public static async Task SeedAsync(BrokeringDbContext db, string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && !await db.Postcodes.AnyAsync(cancellationToken))
        {
            using var reader = File.OpenText(path);
            await ImportAsync(db, reader, cancellationToken);
        }
    }

    private static async Task<int> SaveAsync(BrokeringDbContext db, List<PostcodeCentroid> batch, CancellationToken cancellationToken)
    {
        var unique = batch.DistinctBy(p => p.Postcode).ToList();
        batch.Clear();
        if (unique.Count == 0)
        {
            return 0;
        }

        // One upsert per batch; both SQLite and PostgreSQL speak ON CONFLICT.
        var values = string.Join(", ", unique.Select((_, i) => $"({{{3 * i}}}, {{{3 * i + 1}}}, {{{3 * i + 2}}})"));
        var parameters = unique.SelectMany(p => new object[] { p.Postcode, p.Latitude, p.Longitude }).ToArray();
        var sql = $"""
            INSERT INTO "Postcodes" ("Postcode", "Latitude", "Longitude") VALUES {values}
            ON CONFLICT ("Postcode") DO UPDATE SET "Latitude" = excluded."Latitude", "Longitude" = excluded."Longitude"
            """;
        await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        return unique.Count;
    }

    /// <summary>Splits one CSV line, honouring double quotes (ONSPD quotes every field).</summary>
    private static string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString().Trim());
        return [.. cells];
    }
}
