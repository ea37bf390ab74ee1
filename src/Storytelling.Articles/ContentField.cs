namespace Storytelling.Articles;

/// <summary>The input field an article's content was taken from, in the order they are tried.</summary>
public enum ContentField
{
    Content,
    Text,
    Body,
    Html,
}
