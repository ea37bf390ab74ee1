using System.Reflection;

namespace Storytelling.CloudEvents.Tests;

public sealed class EventTypesTests
{
    [Fact]
    public void All_lists_every_constant_once()
    {
        var constants = typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(constants.Order(), EventTypes.All.Order());
        Assert.Equal(EventTypes.All.Count, EventTypes.All.Distinct().Count());
    }

    [Fact]
    public void Every_type_is_prefixed_with_the_reverse_dns_name_of_the_project_and_names_its_stage()
    {
        Assert.All(EventTypes.All, type => Assert.Matches("^com\\.storytelling\\.(cleaning|nlp)\\.[a-z]+\\.[a-z]+$", type));
    }

    [Fact]
    public void Every_type_is_a_valid_cloudevents_type()
    {
        Assert.All(EventTypes.All, type => Assert.Empty(new CloudEvent { Id = "1", Source = "/s", Type = type }.Validate()));
    }
}
