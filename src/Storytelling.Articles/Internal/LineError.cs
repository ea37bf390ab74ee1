namespace Storytelling.Articles.Internal;

/// <summary>Why a line is rejected: a code from <see cref="RejectionCodes"/> and a sentence for people.</summary>
internal readonly record struct LineError(string Code, string Reason);
