namespace Storytelling.Metadata.Tests;

public sealed class RegistryIdsTests
{
    [Fact]
    public void A_pipeline_job_id_keeps_its_guid()
    {
        var guid = Guid.CreateVersion7();

        Assert.Equal(guid, RegistryIds.JobUuid($"job-{guid:N}"));
        Assert.Equal(guid, RegistryIds.JobUuid(guid.ToString()));
    }

    [Fact]
    public void Any_other_id_gets_a_stable_name_based_uuid()
    {
        var uuid = RegistryIds.JobUuid("nightly-2026-11-23");

        Assert.Equal(uuid, RegistryIds.JobUuid("nightly-2026-11-23"));
        Assert.NotEqual(uuid, RegistryIds.JobUuid("nightly-2026-11-24"));
        Assert.Equal(5, uuid.Version);
    }
}
