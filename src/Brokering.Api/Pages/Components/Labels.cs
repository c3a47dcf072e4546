using Brokering.Domain;
using Brokering.Domain.Cooks;
using Brokering.Domain.Diners;
using static Brokering.Api.Pages.Components.Govuk;

namespace Brokering.Api.Pages.Components;

/// <summary>What the pages call the domain's values; the form values are the API's words.</summary>
public static class Labels
{
    public static readonly IReadOnlyList<Choice> Allergens =
    [
        new(Names.Of(Domain.Allergens.Celery), "Celery"),
        new(Names.Of(Domain.Allergens.Gluten), "Cereals containing gluten", "Wheat, rye, barley, oats"),
        new(Names.Of(Domain.Allergens.Crustaceans), "Crustaceans", "Prawns, crab, lobster"),
        new(Names.Of(Domain.Allergens.Eggs), "Eggs"),
        new(Names.Of(Domain.Allergens.Fish), "Fish"),
        new(Names.Of(Domain.Allergens.Lupin), "Lupin"),
        new(Names.Of(Domain.Allergens.Milk), "Milk"),
        new(Names.Of(Domain.Allergens.Molluscs), "Molluscs", "Mussels, oysters, squid"),
        new(Names.Of(Domain.Allergens.Mustard), "Mustard"),
        new(Names.Of(Domain.Allergens.TreeNuts), "Tree nuts", "Almonds, hazelnuts, walnuts, cashews"),
        new(Names.Of(Domain.Allergens.Peanuts), "Peanuts"),
        new(Names.Of(Domain.Allergens.Sesame), "Sesame"),
        new(Names.Of(Domain.Allergens.Soya), "Soya"),
        new(Names.Of(Domain.Allergens.Sulphites), "Sulphur dioxide and sulphites", "Above 10 mg per kg, often in dried fruit and wine"),
    ];

    public static readonly IReadOnlyList<Choice> Diets =
    [
        new(Names.Of(Domain.Diets.Vegetarian), "Vegetarian"),
        new(Names.Of(Domain.Diets.Vegan), "Vegan"),
        new(Names.Of(Domain.Diets.Halal), "Halal"),
        new(Names.Of(Domain.Diets.Kosher), "Kosher"),
        new(Names.Of(Domain.Diets.DiabeticFriendly), "Diabetic-friendly"),
        new(Names.Of(Domain.Diets.LowSalt), "Low salt"),
        new(Names.Of(Domain.Diets.TextureModified), "Soft or texture-modified"),
    ];

    public static readonly IReadOnlyList<Choice> Channels =
    [
        new(Names.Of(ContactChannel.Phone), "Phone call", "A coordinator rings them"),
        new(Names.Of(ContactChannel.Sms), "Text message (SMS)"),
        new(Names.Of(ContactChannel.Email), "Email"),
        new(Names.Of(ContactChannel.Letter), "Letter by post"),
    ];

    public static readonly IReadOnlyList<Choice> Checks =
    [
        new(Names.Of(CheckKind.Identity), "Identity verified"),
        new(Names.Of(CheckKind.DbsBasic), "DBS basic certificate"),
        new(Names.Of(CheckKind.DbsStandard), "DBS standard certificate"),
        new(Names.Of(CheckKind.DbsEnhanced), "DBS enhanced certificate"),
        new(Names.Of(CheckKind.DbsEnhancedBarred), "DBS enhanced with barred list"),
        new(Names.Of(CheckKind.FoodHygiene), "Food hygiene"),
        new(Names.Of(CheckKind.References), "Two references received"),
        new(Names.Of(CheckKind.Agreement), "Volunteer agreement signed"),
    ];

    /// <summary>The label for an API word, or the word itself.</summary>
    public static string Of(IEnumerable<Choice> choices, string word) => choices.FirstOrDefault(c => c.Value == word)?.Label ?? word;

    public static string List(IEnumerable<Choice> choices, IEnumerable<string> words)
    {
        var labels = words.Select(w => Of(choices, w)).ToList();
        return labels.Count == 0 ? "None" : string.Join(", ", labels);
    }

    /// <summary>A status word as a GOV.UK tag, worded and coloured, never colour alone.</summary>
    public static string TagClass(string status) => status switch
    {
        "approved" or "confirmed" or "delivered" or "sent" or "open" => "govuk-tag--green",
        "applied" or "referred" or "proposed" or "pending" or "to-call" => "govuk-tag--blue",
        "suspended" or "rejected" or "no-answer" or "failed" or "urgent" => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    public static string Status(string word) => char.ToUpperInvariant(word[0]) + word[1..].Replace('-', ' ');
}
