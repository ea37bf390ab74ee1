namespace Storytelling.Metadata.Tests;

public sealed class MetadataRolloutTests
{
    private static readonly string[] Jobs = [.. Enumerable.Range(0, 2000).Select(_ => $"job-{Guid.CreateVersion7():N}")];

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
}
