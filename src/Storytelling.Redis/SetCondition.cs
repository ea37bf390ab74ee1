namespace Storytelling.Redis;

/// <summary>When SET writes: always, only if the key is absent (<c>NX</c>), or only if it exists (<c>XX</c>).</summary>
public enum SetCondition
{
    Always,
    IfNotExists,
    IfExists,
}
