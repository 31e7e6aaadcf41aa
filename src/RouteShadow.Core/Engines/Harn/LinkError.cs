namespace RouteShadow.Core.Engines.Harn;

/// <summary>How an error reached the executor, which decides its category and its display string.</summary>
public enum ErrorForm
{
    /// <summary>A categorised VM error: keeps its category; displays as <c>Error [&lt;cat&gt;]: …</c>.</summary>
    Categorized,

    /// <summary>A thrown string: categorised by the text classifier; displays as <c>Thrown: …</c>.</summary>
    Thrown,

    /// <summary>A thrown dict carrying a <c>category</c> field and a <c>message</c> (the budget error).</summary>
    ThrownDict,
}

/// <summary>An error a link's call ended with.</summary>
public sealed record LinkError(ErrorForm Form, string Message, ErrorCategory? Category = null)
{
    public static LinkError ThrownString(string message) => new(ErrorForm.Thrown, message);

    public static LinkError Of(ErrorCategory category, string message) => new(ErrorForm.Categorized, message, category);

    /// <summary>The error's display form, which rule matching reads its status from.</summary>
    public string Display => Form switch
    {
        ErrorForm.Categorized => $"Error [{Category!.Value.Label()}]: {Message}",
        ErrorForm.Thrown => $"Thrown: {Message}",
        _ => $"Thrown: {{category: {(Category ?? ErrorCategory.Generic).Label()}, message: {Message}}}",
    };

    /// <summary>What the executor records and matches: category, message, and the status taken from the display string.</summary>
    public ErrorSnapshot Snapshot() => new(
        Form == ErrorForm.Thrown ? ErrorClassifier.Classify(Message) : Category ?? ErrorCategory.Generic,
        Message,
        StatusExtraction.FromDisplay(Display));
}

/// <summary>An error as the ledger records it and failover matches it.</summary>
public sealed record ErrorSnapshot(ErrorCategory Category, string Message, int? Status);
