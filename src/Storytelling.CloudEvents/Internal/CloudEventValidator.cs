namespace Storytelling.CloudEvents.Internal;

/// <summary>Checks an event built in code against the same rules the parser applies to JSON.</summary>
internal static class CloudEventValidator
{
    public static IReadOnlyList<CloudEventError> Validate(CloudEvent cloudEvent)
    {
        var errors = new List<CloudEventError>();
        void Check(string attribute, string? message)
        {
            if (message is not null)
            {
                errors.Add(new CloudEventError(attribute, message));
            }
        }

        Check(AttributeNames.Id, AttributeRules.NonEmptyString(cloudEvent.Id ?? string.Empty));
        Check(AttributeNames.Source, AttributeRules.Source(cloudEvent.Source ?? string.Empty));
        Check(AttributeNames.SpecVersion, AttributeRules.SpecVersion(cloudEvent.SpecVersion ?? string.Empty));
        Check(AttributeNames.Type, AttributeRules.NonEmptyString(cloudEvent.Type ?? string.Empty));
        if (cloudEvent.Subject is not null)
        {
            Check(AttributeNames.Subject, AttributeRules.NonEmptyString(cloudEvent.Subject));
        }

        if (cloudEvent.DataContentType is not null)
        {
            Check(AttributeNames.DataContentType, AttributeRules.DataContentType(cloudEvent.DataContentType));
        }

        if (cloudEvent.DataSchema is not null)
        {
            Check(AttributeNames.DataSchema, AttributeRules.DataSchema(cloudEvent.DataSchema));
        }

        foreach (var (name, value) in cloudEvent.Extensions)
        {
            Check(name, AttributeRules.ExtensionName(name) ?? AttributeRules.Extension(name, value));
        }

        if (cloudEvent.Data is { } data)
        {
            Check(AttributeNames.Data, AttributeRules.DataFitsContentType(data, cloudEvent.DataContentType));
            if (cloudEvent.DataBase64 is not null)
            {
                Check(AttributeNames.DataBase64, AttributeRules.DataAndDataBase64);
            }
        }

        return errors;
    }
}
