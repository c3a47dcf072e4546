using System.Net;
using System.Text.Json;
using Brokering.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Brokering.Api.Tests.Pages;

/// <summary>
/// The real app on SQLite, served by Kestrel on a loopback port, with Debian's Chromium driven by
/// Playwright. Every page a test visits is scanned with axe-core and photographed at phone and
/// laptop widths into tests/screenshots.
/// </summary>
public sealed class PagesApp : SqliteApp
{
    public const int PhoneWidth = 375;
    public const int LaptopWidth = 1280;

    private static readonly string RepositoryRoot = FindRepositoryRoot();
    private static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Brokering.Api", "node_modules", "axe-core", "axe.min.js")));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PagesApp()
    {
        Port = FreePort();
        UseKestrel(k => k.Listen(IPAddress.Loopback, Port));
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot, "tests", "screenshots");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // No tile server is reachable from the test machine; the map must still load and pass its scan.
        builder.UseSetting("Brokering:Map:TileUrl", "/tiles/{z}/{x}/{y}.png");
    }

    /// <summary>A fresh browser session (its own cookies), as one person on their own device.</summary>
    public async Task<IPage> NewPersonAsync(bool javaScript = true)
    {
        if (_browser is null)
        {
            StartServer();
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
            });
        }

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = LaptopWidth, Height = 900 },
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Checks the page the browser is on: no serious or critical axe-core violation of WCAG 2.2 A/AA,
    /// then full-page screenshots at both widths named after <paramref name="name"/>.
    /// </summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        // Evaluated through the browser's debugging protocol, which the page's content security
        // policy does not govern; a script tag would be refused, as the policy intends.
        await page.EvaluateAsync(AxeSource.Value);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '));
            }
            """);
        Assert.True(violations.GetArrayLength() == 0, $"{name}: {string.Join("; ", violations.EnumerateArray().Select(v => v.GetString()))}");

        Directory.CreateDirectory(ScreenshotFolder);
        var size = page.ViewportSize!;
        foreach (var width in new[] { PhoneWidth, LaptopWidth })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}-{width}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Brokering.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (Brokering.sln) above the test assembly.");
    }
}
