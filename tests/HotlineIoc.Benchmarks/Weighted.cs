namespace HotlineIoc.Benchmarks;

/// <summary>Draws from weighted choices, for the generators' status, channel and agency mixes.</summary>
internal static class Weighted
{
    public static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("unreachable");
    }
}
