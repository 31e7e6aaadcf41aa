namespace RouteShadow.Testing.Checks;

/// <summary>
/// Spec C N7 / D.5 §5: an entity switched off receives no traffic by any path — every dispatch
/// is audited against every entity it touches (its provider, its pool, its pool membership).
/// </summary>
public static class DisabledEntityGetsNoTraffic
{
    public const string Name = "disabled_entity_gets_no_traffic";

    /// <param name="dispatches">Every request sent upstream, in order.</param>
    /// <param name="entitiesOf">The entities a dispatch goes through.</param>
    /// <param name="disabledAt">Whether an entity was disabled when that dispatch was sent.</param>
    public static CheckViolation? Check<TDispatch, TEntity>(
        IEnumerable<TDispatch> dispatches, Func<TDispatch, IEnumerable<TEntity>> entitiesOf, Func<TDispatch, TEntity, bool> disabledAt)
    {
        foreach (var dispatch in dispatches)
        {
            foreach (var entity in entitiesOf(dispatch))
            {
                if (disabledAt(dispatch, entity))
                {
                    return new CheckViolation(Name, $"{dispatch} went through disabled {entity}");
                }
            }
        }

        return null;
    }
}
