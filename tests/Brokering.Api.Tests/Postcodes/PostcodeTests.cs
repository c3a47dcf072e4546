using Brokering.Api.Tests.Support;
using Brokering.Features.Postcodes;

namespace Brokering.Api.Tests.Postcodes;

/// <summary>The default geocoder: postcode centroids a council imports from the ONS Postcode Directory.</summary>
public abstract class PostcodeTests(BrokeringApp app)
{
    private const string Onspd = """
        "pcd","pcd2","pcds","dointr","doterm","oscty","lat","long"
        "XY1 1AA","XY1  1AA","XY1 1AA","199801","","E10000023",53.958333,-1.080278
        "XY1 1AB","XY1  1AB","XY1 1AB","199801","200512","E10000023",53.960000,-1.081000
        "XY1 1AD","XY1  1AD","XY1 1AD","199801","","E10000023",99.999999,0.000000
        "XY11AE","XY1  1AE","XY1 1AE","199801","","E10000023",53.961000,-1.082000
        """;

    [Fact]
    public async Task An_ONSPD_file_loads_live_placed_postcodes_and_skips_terminated_and_unplaced_ones()
    {
        var outcome = await app.WithDbAsync(db => PostcodeImport.ImportAsync(db, new StringReader(Onspd), CancellationToken.None));

        Assert.Equal(new PostcodeImport.Outcome(2, 2), outcome);
        var found = await app.WithDbAsync(db => new PostcodeTableGeocoder(db).LocateAsync(" xy1 1aa ", CancellationToken.None));
        Assert.Equal(53.958333, found!.Value.Latitude, 6);
        Assert.Equal(-1.080278, found.Value.Longitude, 6);
        Assert.Null(await app.WithDbAsync(db => new PostcodeTableGeocoder(db).LocateAsync("XY1 1AB", CancellationToken.None)));
        Assert.Null(await app.WithDbAsync(db => new PostcodeTableGeocoder(db).LocateAsync("XY1 1AD", CancellationToken.None)));
    }

    [Fact]
    public async Task Importing_the_next_release_moves_a_postcode_rather_than_failing_on_the_duplicate()
    {
        await app.WithDbAsync(db => PostcodeImport.ImportAsync(db, new StringReader(Onspd), CancellationToken.None));
        var next = "pcds,doterm,lat,long\nXY1 1AE,,53.970000,-1.090000\n";

        await app.WithDbAsync(db => PostcodeImport.ImportAsync(db, new StringReader(next), CancellationToken.None));

        var moved = await app.WithDbAsync(db => new PostcodeTableGeocoder(db).LocateAsync("XY1 1AE", CancellationToken.None));
        Assert.Equal(53.97, moved!.Value.Latitude, 6);
    }

    [Fact]
    public async Task A_file_without_position_columns_is_refused_before_anything_is_written()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() =>
            app.WithDbAsync(db => PostcodeImport.ImportAsync(db, new StringReader("pcds,name\nXY9 9ZZ,x\n"), CancellationToken.None)));
    }

    [Theory]
    [InlineData("ls14ap", "LS1 4AP")]
    [InlineData(" LS1  4ap ", "LS1 4AP")]
    [InlineData("SW1A 1AA", "SW1A 1AA")]
    [InlineData("M1 1AE", "M1 1AE")]
    [InlineData("LS1", null)]
    [InlineData("12345", null)]
    [InlineData("<script>", null)]
    public void Postcodes_are_read_however_they_are_typed(string typed, string? expected) =>
        Assert.Equal(expected, UkPostcode.Normalise(typed));
}

public sealed class PostcodesOnSqlite(SqliteApp app) : PostcodeTests(app), IClassFixture<SqliteApp>;

public sealed class PostcodesOnPostgres(PostgresApp app) : PostcodeTests(app), IClassFixture<PostgresApp>;
