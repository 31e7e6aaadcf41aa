namespace RouteShadow.Testing.Generators;

/// <summary>Which load-balancer states generated scenarios may start from.</summary>
public enum ScenarioMode
{
    /// <summary>
    /// Any state the scenario format can express, field by field — including states production
    /// never reaches, such as a cooldown on an upstream below the failure threshold.
    /// </summary>
    FreeForm,

    /// <summary>
    /// Only states production reaches: each is recorded from a history of real outcomes, usage
    /// polls and layout changes run through the load balancer.
    /// </summary>
    Reachable,
}

/// <summary>How scenario modes are named in reports.</summary>
public static class ScenarioModeNames
{
    /// <summary><c>free-form</c> or <c>reachable</c>, as reports print it.</summary>
    public static string DisplayName(this ScenarioMode mode) => mode == ScenarioMode.Reachable ? "reachable" : "free-form";
}
