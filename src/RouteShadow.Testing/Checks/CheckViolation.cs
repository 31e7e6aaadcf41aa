namespace RouteShadow.Testing.Checks;

/// <summary>An engine-independent check that did not hold: which one, and what it saw.</summary>
public sealed record CheckViolation(string Check, string Detail)
{
    public override string ToString() => $"{Check}: {Detail}";
}
