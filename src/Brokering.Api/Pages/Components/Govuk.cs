using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Brokering.Api.Pages.Components;

/// <summary>
/// GOV.UK Design System form components as plain HTML, so every page labels its fields, shows
/// hints and errors the same way (the error beside the field and, linked, in the summary).
/// </summary>
public static class Govuk
{
    public sealed record Choice(string Value, string Label, string? Hint = null);

    private static readonly HtmlEncoder Encode = HtmlEncoder.Default;

    public static IHtmlContent ErrorSummary(this IHtmlHelper html)
    {
        var errors = html.ViewData.ModelState
            .SelectMany(entry => entry.Value!.Errors.Select(e => (Field: entry.Key, e.ErrorMessage)))
            .DistinctBy(e => e.ErrorMessage)
            .ToList();
        if (errors.Count == 0)
        {
            return HtmlString.Empty;
        }

        var sb = new StringBuilder("""<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">""");
        sb.Append("""<h2 class="govuk-error-summary__title">There is a problem</h2><div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">""");
        foreach (var (field, message) in errors)
        {
            sb.Append(field.Length == 0
                ? $"<li>{Encode.Encode(message)}</li>"
                : $"""<li><a href="#{Id(field)}">{Encode.Encode(message)}</a></li>""");
        }

        return new HtmlString(sb.Append("</ul></div></div></div>").ToString());
    }

    /// <summary>"Error: " before the page title when the form has errors, as screen reader users hear the title first.</summary>
    public static string TitlePrefix(this IHtmlHelper html) => html.ViewData.ModelState.ErrorCount > 0 ? "Error: " : "";

    public static IHtmlContent TextInput(this IHtmlHelper html, string name, string label, object? value, string? hint = null,
        string type = "text", string? autocomplete = null, string? width = null, string? inputMode = null)
    {
        var (error, errorHtml) = Error(html, name);
        var describedBy = DescribedBy(name, hint, error);
        var sb = Group(error).Append($"""<label class="govuk-label govuk-label--s" for="{Id(name)}">{Encode.Encode(label)}</label>""");
        sb.Append(Hint(name, hint)).Append(errorHtml);
        sb.Append($"""<input class="govuk-input{(width is null ? "" : $" govuk-input--width-{width}")}{(error ? " govuk-input--error" : "")}" id="{Id(name)}" name="{name}" type="{type}" value="{Encode.Encode(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "")}" """);
        sb.Append(describedBy).Append(autocomplete is null ? "" : $""" autocomplete="{autocomplete}" """).Append(inputMode is null ? "" : $""" inputmode="{inputMode}" """);
        return new HtmlString(sb.Append("></div>").ToString());
    }

    public static IHtmlContent TextArea(this IHtmlHelper html, string name, string label, string? value, string? hint = null, int rows = 4)
    {
        var (error, errorHtml) = Error(html, name);
        var sb = Group(error).Append($"""<label class="govuk-label govuk-label--s" for="{Id(name)}">{Encode.Encode(label)}</label>""");
        sb.Append(Hint(name, hint)).Append(errorHtml);
        sb.Append($"""<textarea class="govuk-textarea{(error ? " govuk-textarea--error" : "")}" id="{Id(name)}" name="{name}" rows="{rows}" {DescribedBy(name, hint, error)}>{Encode.Encode(value ?? "")}</textarea>""");
        return new HtmlString(sb.Append("</div>").ToString());
    }

    public static IHtmlContent Checkboxes(this IHtmlHelper html, string name, string legend, IEnumerable<Choice> choices,
        IEnumerable<string>? chosen, string? hint = null) =>
        Options(html, "checkbox", "checkboxes", name, legend, choices, [.. chosen ?? []], hint);

    public static IHtmlContent Radios(this IHtmlHelper html, string name, string legend, IEnumerable<Choice> choices, string? chosen, string? hint = null) =>
        Options(html, "radio", "radios", name, legend, choices, chosen is null ? [] : [chosen], hint);

    public static IHtmlContent Button(string text, string? name = null, string? value = null, bool secondary = false, bool warning = false)
    {
        var kind = secondary ? " govuk-button--secondary" : warning ? " govuk-button--warning" : "";
        var named = name is null ? "" : $""" name="{name}" value="{Encode.Encode(value ?? "")}" """;
        return new HtmlString($"""<button type="submit" class="govuk-button{kind}" data-module="govuk-button"{named}>{Encode.Encode(text)}</button>""");
    }

    private static HtmlString Options(IHtmlHelper html, string type, string component, string name, string legend,
        IEnumerable<Choice> choices, HashSet<string> chosen, string? hint)
    {
        var (error, errorHtml) = Error(html, name);
        var sb = Group(error).Append($"""<fieldset class="govuk-fieldset" {DescribedBy(name, hint, error)}>""");
        sb.Append($"""<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{Encode.Encode(legend)}</legend>""");
        sb.Append(Hint(name, hint)).Append(errorHtml).Append($"""<div class="govuk-{component}" data-module="govuk-{component}">""");
        var i = 0;
        foreach (var choice in choices)
        {
            // The first input carries the field's own id, so the error summary's link lands on it.
            var id = i++ == 0 ? Id(name) : $"{Id(name)}-{i}";
            var itemHint = choice.Hint is null ? "" : $"""<div id="{id}-hint" class="govuk-hint govuk-{component}__hint">{Encode.Encode(choice.Hint)}</div>""";
            sb.Append($"""<div class="govuk-{component}__item"><input class="govuk-{component}__input" id="{id}" name="{name}" type="{type}" value="{Encode.Encode(choice.Value)}"{(chosen.Contains(choice.Value) ? " checked" : "")}{(choice.Hint is null ? "" : $" aria-describedby=\"{id}-hint\"")}>""");
            sb.Append($"""<label class="govuk-label govuk-{component}__label" for="{id}">{Encode.Encode(choice.Label)}</label>{itemHint}</div>""");
        }

        return new HtmlString(sb.Append("</div></fieldset></div>").ToString());
    }

    private static StringBuilder Group(bool error) => new($"""<div class="govuk-form-group{(error ? " govuk-form-group--error" : "")}">""");

    private static string Hint(string name, string? hint) =>
        hint is null ? "" : $"""<div id="{Id(name)}-hint" class="govuk-hint">{Encode.Encode(hint)}</div>""";

    private static string DescribedBy(string name, string? hint, bool error)
    {
        var ids = new[] { hint is null ? null : $"{Id(name)}-hint", error ? $"{Id(name)}-error" : null }.OfType<string>().ToArray();
        return ids.Length == 0 ? "" : $"""aria-describedby="{string.Join(' ', ids)}" """;
    }

    private static (bool Error, string Html) Error(IHtmlHelper html, string name)
    {
        var messages = html.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];
        return messages.Count == 0
            ? (false, "")
            : (true, $"""<p id="{Id(name)}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {Encode.Encode(string.Join(" ", messages))}</p>""");
    }

    private static string Id(string name) => name.Replace('.', '_');
}
