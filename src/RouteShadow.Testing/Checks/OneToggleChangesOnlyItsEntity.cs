namespace RouteShadow.Testing.Checks;

/// <summary>
/// Spec C G5 / D.5 §5: toggling one entity changes the eligibility of that entity's members and
/// nothing else. Each entity is toggled on its own copy of the state and every member's eligibility
/// is compared before and after.
/// </summary>
public static class OneToggleChangesOnlyItsEntity
{
    public const string Name = "one_toggle_changes_only_its_entity";

    /// <param name="covers">Whether a member belongs to an entity (a provider covers its candidates, a pool its members).</param>
    /// <param name="eligible">A member's eligibility in a state.</param>
    /// <param name="toggle">Flips an entity in a state (a copy made by <paramref name="copy"/>).</param>
    public static CheckViolation? Check<TState, TEntity, TMember>(
        TState state,
        IEnumerable<TEntity> entities,
        IReadOnlyList<TMember> members,
        Func<TEntity, TMember, bool> covers,
        Func<TState, TMember, bool> eligible,
        Func<TState, TState> copy,
        Action<TState, TEntity> toggle)
    {
        var before = members.Select(m => eligible(state, m)).ToArray();
        foreach (var entity in entities)
        {
            var toggled = copy(state);
            toggle(toggled, entity);
            for (var i = 0; i < members.Count; i++)
            {
                if (!covers(entity, members[i]) && eligible(toggled, members[i]) != before[i])
                {
                    return new CheckViolation(Name, $"toggling {entity} changed {members[i]} from {Word(before[i])} to {Word(!before[i])}");
                }
            }
        }

        return null;
    }

    private static string Word(bool eligible) => eligible ? "eligible" : "ineligible";
}
