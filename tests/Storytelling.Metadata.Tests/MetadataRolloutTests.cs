namespace Storytelling.Metadata.Tests;

public sealed class MetadataRolloutTests
{
    /// <summary>
    /// 2,000 job ids shaped like the stages' (random, from a fixed seed so the test gives the same answer every run:
    /// with fresh random ids a fair 50 % lands outside 50 % ± 5 % in about one run of forty).
    /// </summary>
    private static readonly string[] Jobs = NewJobIds(2000, seed: 1);

    [Fact]
    public void Half_rollout_takes_half_of_two_thousand_jobs_within_five_percent()
    {
        var included = Jobs.Count(job => MetadataRollout.Includes(job, 50));

        Assert.InRange(included, 950, 1050);
    }

    [Fact]
    public void A_job_always_gets_the_same_answer()
    {
        var first = Jobs.Select(job => MetadataRollout.Includes(job, 50)).ToArray();
        var again = Jobs.Select(job => MetadataRollout.Includes(new string(job.AsSpan()), 50)).ToArray();

        Assert.Equal(first, again);
        // Fixed values: the hash is the same in every process and on every machine (not string.GetHashCode).
        Assert.Equal(16, MetadataRollout.Bucket("job-0192f1b0c2a37e1e9d3c1f2b3a4c5d6e"));
    }

    [Fact]
    public void A_job_in_at_a_lower_percentage_stays_in_at_a_higher_one()
    {
        Assert.All(Jobs.Where(job => MetadataRollout.Includes(job, 20)), job => Assert.True(MetadataRollout.Includes(job, 60)));
    }

    [Fact]
    public void Zero_and_one_hundred_are_exact()
    {
        Assert.DoesNotContain(Jobs, job => MetadataRollout.Includes(job, 0));
        Assert.All(Jobs, job => Assert.True(MetadataRollout.Includes(job, 100)));
    }

    private static string[] NewJobIds(int count, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[16];
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            random.NextBytes(bytes);
            return $"job-{new Guid(bytes):N}";
        })];
    }
}
